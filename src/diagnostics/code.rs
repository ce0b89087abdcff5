//! The closed list of diagnostic codes. A code never changes meaning; `docs/errors.md` lists
//! them all (kept in sync by a test).

use serde::{Serialize, Serializer};
use std::fmt;

macro_rules! codes {
    ($($variant:ident = $code:literal, $desc:literal;)*) => {
        /// A stable diagnostic code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $(
                #[doc = $desc]
                $variant,
            )*
        }

        impl Code {
            /// Every code, in order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The code as printed, e.g. `CV301`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code),* }
            }

            /// What the code means, in French.
            pub fn description(self) -> &'static str {
                match self { $(Code::$variant => $desc),* }
            }
        }
    };
}

codes! {
    Io = "CV001", "Le fichier ne peut pas être lu.";
    FileTooLarge = "CV002", "Le fichier dépasse la taille maximale acceptée.";
    InvalidUtf8 = "CV003", "Le fichier n'est pas encodé en UTF-8.";
    YamlSyntax = "CV004", "Le YAML est mal formé.";
    TooDeep = "CV005", "Les données sont imbriquées trop profondément.";
    TooManyAliases = "CV006", "Trop d'alias YAML, de nœuds ou de texte une fois les alias développés (protection contre les « bombes d'alias »).";
    DuplicateKey = "CV007", "Une clé apparaît deux fois dans la même table.";
    OutsideRepository = "CV008", "Un lien symbolique sort du dépôt.";
    EmptyFile = "CV009", "Le fichier est vide.";
    FrontMatter = "CV010", "L'en-tête YAML d'une page Markdown est absent ou mal formé.";
    MultipleDocuments = "CV011", "Le fichier contient plusieurs documents YAML.";
    UnexpectedFile = "CV012", "Fichier inattendu à cet emplacement.";
    InvalidKey = "CV013", "Une clé de table n'est pas un texte ou un nombre.";
    NotRegularFile = "CV014", "Ni un fichier ordinaire ni un dossier (tube nommé, socket, périphérique, lien vers l'un d'eux).";
    RepositoryTooLarge = "CV015", "Le dépôt dépasse le nombre d'entrées ou la taille totale acceptés.";
    TextCutByComment = "CV019", "Un « # » précédé d'une espace coupe un texte sans guillemets : la suite est lue comme un commentaire.";
    UnknownField = "CV101", "Champ inconnu.";
    MissingField = "CV102", "Champ obligatoire absent.";
    WrongType = "CV103", "Valeur du mauvais type.";
    InvalidValue = "CV104", "Valeur non autorisée (liste de valeurs, format ou bornes).";
    DuplicateId = "CV201", "Identifiant en double.";
    PathMismatch = "CV202", "Le chemin du fichier ne correspond pas à l'identifiant qu'il contient.";
    UnknownReference = "CV203", "Référence à un élément qui n'existe pas.";
    InvalidQuestionnaire = "CV204", "Questionnaire incohérent (niveaux, niveau attendu, conditions).";
    InvalidScale = "CV205", "Échelle incohérente.";
    WrongScope = "CV206", "Questionnaire répondu au mauvais niveau (organisation ou service).";
    MissingConfig = "CV207", "Fichier de configuration ou référentiel absent.";
    LevelOutOfScale = "CV301", "Niveau qui n'existe pas pour ce critère.";
    NotApplicableNotAllowed = "CV302", "« Non applicable » n'est pas permis pour ce critère.";
    CriterionNotApplicable = "CV303", "Réponse à un critère qui ne s'applique pas d'après les questions préliminaires.";
    Unanswered = "CV304", "Critère applicable sans réponse.";
    PlanDecreasing = "CV305", "Le plan de convergence fait baisser le niveau.";
    PlanBeforeAssessment = "CV306", "Jalon du plan antérieur à la date d'évaluation.";
    PlanNotAboveCurrent = "CV307", "Jalon du plan qui ne dépasse pas le niveau actuel.";
    PlanOnDecommissioned = "CV308", "Plan de convergence sur un sujet voué au décommissionnement.";
    NotPlannableUnjustified = "CV309", "Cible déclarée non planifiable sans justification.";
    OutdatedVersion = "CV310", "Réponses données sur une autre version du questionnaire que celle en vigueur.";
    InvalidPreliminary = "CV311", "Réponse préliminaire inconnue ou invalide.";
    PlanAndNotPlannable = "CV312", "Plan et « non planifiable » donnés ensemble.";
    PlanOnNotApplicable = "CV313", "Plan de convergence sur un critère non applicable.";
    MissingAssessment = "CV314", "Statut ou date d'évaluation manquant pour des réponses d'organisation.";
    InvalidProduct = "CV315", "Produit incohérent (socle, option, éditeur, solution).";
    NewCriteriaToAnswer = "CV316", "Critère ajouté par la nouvelle version d'un questionnaire, à renseigner (avertissement, même pour un fichier validé).";
    NotOwner = "CV401", "Modification par quelqu'un qui n'en est pas propriétaire.";
    StaleCodeowners = "CV402", "Le fichier CODEOWNERS n'est pas à jour.";
    InvalidOwner = "CV403", "Propriétaire mal écrit.";
    InvalidId = "CV404", "Identifiant d'organisation ou de sujet mal formé ou réservé (ou nom de dossier invalide dans « maintainers »).";
    OutputCollision = "CV405", "Deux identifiants donnent le même fichier du portail.";
    ContestedClaim = "CV406", "Région ou éditeur revendiqué par une autre organisation.";
    ClaimNotApproved = "CV407", "Revendication d'une région ou d'un éditeur sans l'approbation de ses propriétaires actuels.";
    InvalidCampaign = "CV340", "Campagne figée illisible ou non conforme à son schéma (`schemas/campaign.schema.json`).";
    CampaignMismatch = "CV341", "Campagne figée dont l'identifiant est mal formé ou diffère du nom de son fichier.";
    FrozenCampaignChanged = "CV342", "Campagne close modifiée ou supprimée sans l'approbation des mainteneurs de `campaigns`.";
    DraftPlaceholder = "CV020", "Réponse laissée à compléter (« answers: » vide, niveau ou jalon sans niveau) : avertissement dans un brouillon, erreur dans un fichier validé.";
    UnknownCompletionPath = "CV320", "Parcours de complétion inconnu.";
    PathQuestionnaireUnanswered = "CV321", "Questionnaire complémentaire d'un parcours de complétion sans réponse.";
    EvidenceMissing = "CV322", "Exigence déclarée conforme sans lien de preuve, alors que le questionnaire en exige.";
    MeasureValue = "CV323", "Valeur déclarée absente d'un critère « valeur », ou donnée pour un critère « oui/non ».";
    ValueContradictsLevel = "CV324", "Le niveau (atteint ou non) ne correspond pas à la valeur déclarée et au minimum requis.";
    NotAnAnswerer = "CV325", "Questionnaire d'organisation auquel ce type d'organisation ne répond pas.";
    NotAnAssessor = "CV326", "Évaluation externe dans le dossier d'une organisation qui n'est pas un organisme évaluateur.";
    AssessorNotIndependent = "CV327", "Évaluation externe d'une fiche de l'évaluateur lui-même ou d'une organisation qui partage un propriétaire avec lui.";
    LabelUnknownQuestionnaire = "CV328", "Règle de label sur un questionnaire inconnu ou qui n'est pas rempli par les services et produits.";
    LabelUnknownAxis = "CV329", "Règle de label sur un axe inconnu du questionnaire.";
    LabelRuleEmpty = "CV330", "Règle de label sans condition (ni « verdict » ni « min_rate »).";
    LabelVerdictNotRequirement = "CV331", "Règle de label demandant un verdict sur un questionnaire qui n'est pas d'exigences.";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}
