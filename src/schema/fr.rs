//! The contributors' text of the JSON Schemas, in French: a title and a description for every
//! file kind, type, field and enumerated value, and examples for the fields people fill in.
//! Editors (VS Code with yaml-language-server) show them on completion and hover. The Rust doc
//! comments of `crate::model` stay in English for developers; a test checks that this table
//! covers every schema node and names nothing that no longer exists.
//!
//! Keys: `Type` for a type (or a file kind's root), `Type.field` for a field, `Type=value` for
//! one value of an enumeration.

/// `(key, title, description)`.
pub const TEXTS: &[(&str, &str, &str)] = &[
    // convergence.yaml
    (
        "Config",
        "Réglages du portail",
        "`convergence.yaml` : réglages du portail, dates de référence et mainteneurs.",
    ),
    (
        "Config.title",
        "Titre du portail",
        "Titre affiché en tête de chaque page du portail.",
    ),
    (
        "Config.description",
        "Description du portail",
        "Courte présentation du portail, affichée sur la page d'accueil.",
    ),
    (
        "Config.reference_date",
        "Date de référence",
        "Date à laquelle on lit les niveaux attendus pour calculer les taux (la publication de 2020 utilise le 2020-12-15).",
    ),
    (
        "Config.projection_dates",
        "Dates de projection",
        "Dates auxquelles les projections sont affichées (par exemple fin 2022 et fin 2025).",
    ),
    (
        "Config.demo",
        "Données fictives",
        "Vrai si les données sont fictives : chaque page qui les montre le dit.",
    ),
    (
        "Config.assessors",
        "Organismes évaluateurs",
        "Organisations (dossiers sous `answers/`) habilitées à enregistrer des évaluations externes dans leur dossier `evaluations/`.",
    ),
    (
        "Config.forge",
        "Forge",
        "La forge qui héberge le dépôt (GitHub ou GitLab) : les fiches du portail renvoient au commit de leur dernière modification.",
    ),
    (
        "Forge",
        "Forge",
        "Type et adresse de la forge qui héberge le dépôt.",
    ),
    (
        "Forge.kind",
        "Type de forge",
        "`github` ou `gitlab` : décide de la forme des liens vers les commits et les demandes de fusion.",
    ),
    (
        "Forge.url",
        "Adresse du dépôt",
        "Adresse web du dépôt, sans barre finale, par exemple `https://github.com/ans/observatoire`.",
    ),
    ("ForgeKind", "Type de forge", "GitHub ou GitLab."),
    (
        "ForgeKind=github",
        "GitHub",
        "Liens `…/commit/<hash>` et `…/pull/<n>`.",
    ),
    (
        "ForgeKind=gitlab",
        "GitLab",
        "Liens `…/-/commit/<hash>` et `…/-/merge_requests/<n>`.",
    ),
    (
        "Config.maintainers",
        "Mainteneurs",
        "Comptes de la forge (`@nom` ou `@groupe/equipe`) qui approuvent les changements, par dossier de premier niveau (`questionnaires`, `content`, `schemas`, …).",
    ),
    (
        "Date",
        "Date",
        "Date au format AAAA-MM-JJ, par exemple 2020-12-15.",
    ),
    // content/scales
    (
        "Scale",
        "Échelle",
        "Fichier d'échelle, `content/scales/<id>.yaml`.",
    ),
    (
        "Scale.id",
        "Identifiant",
        "Identifiant de l'échelle, égal au nom du fichier sans extension.",
    ),
    (
        "Scale.title",
        "Titre",
        "Titre de l'échelle, tel qu'affiché.",
    ),
    (
        "Scale.kind",
        "Type d'échelle",
        "Manière dont les réponses sur cette échelle sont notées.",
    ),
    (
        "Scale.description",
        "Description",
        "Description facultative de l'échelle.",
    ),
    (
        "Scale.levels",
        "Niveaux",
        "Les niveaux, du plus bas au plus haut ; les valeurs se suivent à partir de 0.",
    ),
    (
        "Scale.not_applicable",
        "Non applicable",
        "Libellé et couleur de « non applicable » (quand un critère l'autorise).",
    ),
    (
        "Scale.grades",
        "Notes",
        "Notes en lettres selon le score, du seuil le plus haut au plus bas (échelles notées seulement).",
    ),
    (
        "ScaleKind",
        "Type d'échelle",
        "Manière dont une échelle est notée.",
    ),
    (
        "ScaleKind=maturity",
        "Maturité",
        "Niveaux 0 à n comparés à un niveau attendu : taux et niveau moyen.",
    ),
    (
        "ScaleKind=requirement",
        "Exigence",
        "Exigence satisfaite (1) ou non (0) : part des exigences satisfaites, toutes les exigences obligatoires devant l'être.",
    ),
    (
        "ScaleKind=graded",
        "Notée",
        "Score pondéré sur 100 et note en lettre selon des seuils.",
    ),
    ("ScaleLevel", "Niveau", "Un niveau de l'échelle."),
    (
        "ScaleLevel.value",
        "Valeur",
        "Valeur numérique, 0 pour le niveau le plus bas.",
    ),
    (
        "ScaleLevel.label",
        "Libellé",
        "Libellé court, par exemple « rouge » ou « conforme ».",
    ),
    (
        "ScaleLevel.color",
        "Couleur",
        "Couleur d'affichage au format `#rrggbb`.",
    ),
    (
        "ScaleLabel",
        "Libellé",
        "Libellé et couleur sans valeur (pour « non applicable »).",
    ),
    ("ScaleLabel.label", "Libellé", "Libellé affiché."),
    (
        "ScaleLabel.color",
        "Couleur",
        "Couleur d'affichage au format `#rrggbb`.",
    ),
    (
        "Grade",
        "Note",
        "Une note en lettre, atteinte à partir d'un score minimal.",
    ),
    ("Grade.grade", "Lettre", "La lettre, par exemple « A »."),
    (
        "Grade.min_score",
        "Score minimal",
        "Score minimal sur 100 pour l'obtenir.",
    ),
    // questionnaires
    (
        "Questionnaire",
        "Questionnaire",
        "Fichier de questionnaire : `questionnaires/<id>.yaml` (version en vigueur) ou `questionnaires/archive/<id>.<version>.yaml` (version précédente).",
    ),
    (
        "Questionnaire.id",
        "Identifiant",
        "Identifiant du questionnaire, par exemple `urbanisation-services`.",
    ),
    (
        "Questionnaire.title",
        "Titre",
        "Titre du questionnaire, par exemple « Urbanisation des services ».",
    ),
    (
        "Questionnaire.version",
        "Version",
        "Libellé de version, par exemple `2020` ; chaque réponse nomme la version à laquelle elle répond.",
    ),
    (
        "Questionnaire.scope",
        "Portée",
        "Ce que le questionnaire évalue : un service ou produit, ou une organisation entière.",
    ),
    (
        "Questionnaire.scale",
        "Échelle",
        "Identifiant de l'échelle (`content/scales/<id>.yaml`).",
    ),
    (
        "Questionnaire.description",
        "Description",
        "Courte description affichée sur le portail.",
    ),
    (
        "Questionnaire.source",
        "Source",
        "D'où vient la formulation des critères.",
    ),
    (
        "Questionnaire.preliminary",
        "Questions préliminaires",
        "Questions dont les réponses décident des critères applicables.",
    ),
    (
        "Questionnaire.axes",
        "Axes",
        "Les axes de convergence, chacun avec ses critères.",
    ),
    (
        "Questionnaire.supersedes",
        "Version remplacée",
        "La version précédente que celle-ci remplace, et la correspondance de ses critères.",
    ),
    (
        "Questionnaire.evidence_required",
        "Preuves exigées",
        "Échelles d'exigences : une réponse « conforme » doit donner au moins un lien de preuve (`evidence`).",
    ),
    (
        "Questionnaire.illustrative",
        "Illustratif",
        "Les critères transcrivent le périmètre que donnent les sources, pas des textes officiels : le portail le signale.",
    ),
    (
        "Questionnaire.answered_by",
        "Répondu par",
        "Questionnaires d'organisation : les types d'organisation qui y répondent (tous si la liste est vide).",
    ),
    ("Scope", "Portée", "Ce qu'un questionnaire évalue."),
    (
        "Scope=organisation",
        "Organisation",
        "Le système d'information d'une organisation entière (réponses dans `organisation.yaml`).",
    ),
    (
        "Scope=service",
        "Service ou produit",
        "Un service ou un produit (réponses dans les fiches).",
    ),
    (
        "PreliminaryQuestion",
        "Question préliminaire",
        "Une question préliminaire.",
    ),
    (
        "PreliminaryQuestion.id",
        "Identifiant",
        "Identifiant utilisé dans les réponses et les conditions, par exemple `ror_instance`.",
    ),
    (
        "PreliminaryQuestion.question",
        "Question",
        "La question telle qu'elle est posée.",
    ),
    ("PreliminaryQuestion.help", "Aide", "Texte d'aide."),
    (
        "PreliminaryQuestion.choices",
        "Choix",
        "Réponses possibles quand ce n'est pas une question oui/non ; vide pour oui/non (`true`/`false`).",
    ),
    (
        "Axis",
        "Axe",
        "Un axe de convergence (une action de la doctrine, comme `A04.1`).",
    ),
    (
        "Axis.id",
        "Identifiant",
        "Identifiant de l'action de la doctrine, par exemple `A04.1`.",
    ),
    (
        "Axis.title",
        "Titre",
        "Titre de l'axe, par exemple « Référentiel d'identité des acteurs de santé ».",
    ),
    (
        "Axis.doctrine",
        "Page de doctrine",
        "Nom de la page de doctrine (`content/doctrine/<nom>.md`).",
    ),
    ("Axis.criteria", "Critères", "Les critères de cet axe."),
    (
        "Criterion",
        "Critère",
        "Un critère : une question à laquelle on répond par un niveau.",
    ),
    (
        "Criterion.id",
        "Identifiant",
        "Identifiant du critère, par exemple `A04.1.1`.",
    ),
    ("Criterion.title", "Titre", "Intitulé du critère."),
    (
        "Criterion.levels",
        "Textes des niveaux",
        "Texte de chaque niveau, par valeur (`0`…`3`), et `na` quand « non applicable » est permis. Un niveau sans texte ne peut pas être choisi.",
    ),
    (
        "Criterion.expected",
        "Niveaux attendus",
        "Niveau attendu, qui change dans le temps : à une date donnée, l'entrée dont le `from` est le plus récent sans dépasser cette date s'applique.",
    ),
    (
        "Criterion.weight",
        "Poids",
        "Poids du critère dans les moyennes de l'axe.",
    ),
    (
        "Criterion.mandatory",
        "Obligatoire",
        "Pour les échelles d'exigences : l'exigence doit être satisfaite.",
    ),
    (
        "Criterion.applies_if",
        "S'applique si",
        "Le critère ne s'applique que si chaque réponse préliminaire listée vaut la valeur donnée.",
    ),
    (
        "Criterion.applies_if_any",
        "S'applique si l'une de",
        "Le critère ne s'applique que si chaque réponse préliminaire listée est l'une des valeurs données (par exemple les types d'établissement concernés).",
    ),
    (
        "Criterion.degree",
        "Degré de maturité requis",
        "Échelles notées : le degré de maturité que le critère demande d'atteindre (de base, défini, maîtrisé, optimisé).",
    ),
    (
        "Criterion.measure",
        "Mesure",
        "Échelles notées : critère « valeur », atteint quand la valeur déclarée atteint le minimum ; absent pour un critère « oui/non ».",
    ),
    (
        "Degree",
        "Degré de maturité",
        "Degré de maturité de la méthode MaturiN-H (en dessous de « de base » : insuffisant).",
    ),
    ("Degree=base", "De base", "Niveau minimal admissible."),
    (
        "Degree=defini",
        "Défini",
        "Niveau acceptable en vue d'établir les bonnes pratiques.",
    ),
    (
        "Degree=maitrise",
        "Maîtrisé",
        "Niveau des bonnes pratiques « à l'état de l'art ».",
    ),
    (
        "Degree=optimise",
        "Optimisé",
        "Niveau des meilleures pratiques, qui font évoluer l'état de l'art.",
    ),
    (
        "Measure",
        "Mesure",
        "La mesure d'un critère « valeur » : atteint quand la valeur déclarée vaut au moins `min`.",
    ),
    (
        "Measure.unit",
        "Unité",
        "Unité affichée après les valeurs, par exemple `%`.",
    ),
    (
        "Measure.min",
        "Minimum",
        "Valeur minimale pour que le critère soit atteint.",
    ),
    ("Criterion.help", "Aide", "Texte d'aide."),
    (
        "Criterion.faq",
        "FAQ",
        "Entrées de la FAQ (`content/faq/<nom>.md`) sur ce critère.",
    ),
    (
        "ExpectedLevel",
        "Niveau attendu",
        "Un niveau attendu à partir d'une date.",
    ),
    ("ExpectedLevel.level", "Niveau", "Valeur du niveau attendu."),
    (
        "ExpectedLevel.from",
        "À partir du",
        "Date à partir de laquelle ce niveau est attendu.",
    ),
    (
        "Supersedes",
        "Version remplacée",
        "La version précédente qu'un questionnaire remplace.",
    ),
    (
        "Supersedes.version",
        "Version",
        "Libellé de la version précédente.",
    ),
    (
        "Supersedes.renamed",
        "Critères renommés",
        "Critères renommés d'une version à l'autre : ancien identifiant → identifiant dans cette version. Un critère qui garde son identifiant correspond à lui-même.",
    ),
    // content/referentials
    (
        "PosMap",
        "Plan d'occupation des sols",
        "`content/referentials/pos.yaml` : la carte fonctionnelle (« plan d'occupation des sols », POS).",
    ),
    ("PosMap.source", "Source", "D'où viennent les définitions."),
    (
        "PosMap.domains",
        "Domaines",
        "Les domaines fonctionnels, dans l'ordre d'affichage.",
    ),
    (
        "PosDomain",
        "Domaine",
        "Un domaine fonctionnel, par exemple `6` « Services régionaux ».",
    ),
    (
        "PosDomain.id",
        "Numéro",
        "Numéro du domaine, par exemple `6`.",
    ),
    ("PosDomain.title", "Titre", "Intitulé du domaine."),
    (
        "PosDomain.definition",
        "Définition",
        "Définition du domaine.",
    ),
    (
        "PosDomain.zones",
        "Zones",
        "Zones du domaine ; un domaine sans zone est lui-même une zone.",
    ),
    (
        "PosZone",
        "Zone",
        "Une zone fonctionnelle, par exemple `6.2` « Coordination ».",
    ),
    (
        "PosZone.id",
        "Numéro",
        "Numéro de la zone, par exemple `6.2`.",
    ),
    ("PosZone.title", "Titre", "Intitulé de la zone."),
    ("PosZone.definition", "Définition", "Définition de la zone."),
    (
        "CommonCore",
        "Tronc commun",
        "`content/referentials/common-core.yaml` : les types de services du tronc commun.",
    ),
    (
        "CommonCore.source",
        "Source",
        "D'où viennent les définitions.",
    ),
    ("CommonCore.types", "Types", "Les types de services."),
    (
        "CommonCoreType",
        "Type de service",
        "Un type de service du tronc commun.",
    ),
    (
        "CommonCoreType.id",
        "Identifiant",
        "Identifiant du type, par exemple `coordination-dcc`.",
    ),
    (
        "CommonCoreType.zone",
        "Zone POS",
        "Zone ou domaine du POS auquel il appartient, par exemple `6.2`.",
    ),
    (
        "CommonCoreType.title",
        "Titre",
        "Intitulé, par exemple « Outillage des équipes d'oncologie (DCC) ».",
    ),
    (
        "CommonCoreType.definition",
        "Définition",
        "Définition du type.",
    ),
    (
        "Regions",
        "Régions",
        "`content/referentials/regions.yaml` : les régions.",
    ),
    ("Regions.regions", "Régions", "La liste des régions."),
    ("Region", "Région", "Une région."),
    (
        "Region.code",
        "Code INSEE",
        "Code INSEE de la région, par exemple `84`.",
    ),
    (
        "Region.name",
        "Nom",
        "Nom de la région, par exemple « Auvergne-Rhône-Alpes ».",
    ),
    (
        "Region.slug",
        "Nom dans l'adresse",
        "Nom utilisé dans les adresses du portail, par exemple `auvergne-rhone-alpes`.",
    ),
    (
        "NationalServices",
        "Services socles nationaux",
        "`content/referentials/national-services.yaml` : les services socles nationaux.",
    ),
    (
        "NationalServices.services",
        "Services",
        "La liste des services.",
    ),
    (
        "NationalService",
        "Service socle national",
        "Un service socle national, par exemple le DMP ou MSSanté.",
    ),
    (
        "NationalService.id",
        "Identifiant",
        "Identifiant du service, par exemple `dmp`.",
    ),
    (
        "NationalService.name",
        "Nom",
        "Nom du service, par exemple « DMP ».",
    ),
    (
        "NationalService.description",
        "Description",
        "Description du service.",
    ),
    (
        "NationalService.zone",
        "Zone POS",
        "Zone du POS où il figure sur les cartographies.",
    ),
    (
        "Editors",
        "Éditeurs",
        "`content/referentials/editors.yaml` : les éditeurs de logiciels et leurs solutions.",
    ),
    ("Editors.editors", "Éditeurs", "La liste des éditeurs."),
    ("Editor", "Éditeur", "Un éditeur de logiciels."),
    (
        "Editor.id",
        "Identifiant",
        "Identifiant de l'éditeur, par exemple `maincare`.",
    ),
    ("Editor.name", "Nom", "Nom de l'éditeur."),
    (
        "Editor.solutions",
        "Solutions",
        "Les solutions de l'éditeur.",
    ),
    (
        "Editor.organisation",
        "Organisation",
        "L'organisation qui parle pour cet éditeur (son dossier sous `answers/`) : la seule qui peut déclarer `editor: <id>` et publier des produits de cet éditeur.",
    ),
    ("Solution", "Solution", "Une solution d'un éditeur."),
    (
        "Solution.id",
        "Identifiant",
        "Identifiant, unique chez l'éditeur, par exemple `ideocm`.",
    ),
    (
        "Solution.name",
        "Nom",
        "Nom de la solution, par exemple « IdeoCM ».",
    ),
    (
        "Solution.description",
        "Description",
        "Description de la solution.",
    ),
    // answers
    (
        "Organisation",
        "Organisation",
        "Fichier d'organisation, `answers/<org>/organisation.yaml`.",
    ),
    (
        "Organisation.id",
        "Identifiant",
        "Identifiant de l'organisation, égal au nom du dossier : lettres minuscules, chiffres et tirets, par exemple `ara`.",
    ),
    (
        "Organisation.name",
        "Nom",
        "Nom de l'organisation, par exemple « GRADeS Auvergne-Rhône-Alpes ».",
    ),
    (
        "Organisation.kind",
        "Type d'organisation",
        "Région (ARS et GRADeS), éditeur de logiciels ou structure de santé.",
    ),
    (
        "Organisation.region",
        "Région",
        "Code INSEE de sa région (`content/referentials/regions.yaml`), pour les régions et les structures.",
    ),
    (
        "Organisation.editor",
        "Éditeur",
        "Identifiant de l'éditeur (`content/referentials/editors.yaml`), pour les éditeurs de logiciels.",
    ),
    (
        "Organisation.owners",
        "Responsables",
        "Comptes de la forge (personnes `@nom` ou équipes `@groupe/equipe`) qui peuvent modifier ce dossier.",
    ),
    (
        "Organisation.publishable",
        "Publiable",
        "Vrai si les réponses de niveau organisation peuvent être publiées.",
    ),
    (
        "Organisation.status",
        "Statut",
        "Statut des réponses de niveau organisation : brouillon ou validé.",
    ),
    (
        "Organisation.assessed_on",
        "Date d'évaluation",
        "Date de l'évaluation de niveau organisation (AAAA-MM-JJ).",
    ),
    (
        "Organisation.questionnaires",
        "Questionnaires",
        "Questionnaires de niveau organisation auxquels elle répond, par identifiant de questionnaire.",
    ),
    ("OrgKind", "Type d'organisation", "Type d'organisation."),
    (
        "OrgKind=region",
        "Région",
        "L'ARS et le GRADeS d'une région.",
    ),
    ("OrgKind=editor", "Éditeur", "Un éditeur de logiciels."),
    ("OrgKind=structure", "Structure", "Une structure de santé."),
    (
        "Subject",
        "Fiche de service ou de produit",
        "Fiche d'un service ou d'un produit, `answers/<org>/<id>.yaml`.",
    ),
    (
        "Subject.id",
        "Identifiant",
        "Identifiant de la fiche, égal au nom du fichier sans extension, unique dans le dépôt : lettres minuscules, chiffres et tirets.",
    ),
    (
        "Subject.kind",
        "Service ou produit",
        "Service (déployé dans une région) ou produit (vendu par un éditeur).",
    ),
    ("Subject.name", "Nom", "Nom du service ou du produit."),
    (
        "Subject.description",
        "Description",
        "Description du service ou du produit.",
    ),
    (
        "Subject.pos_zone",
        "Zone POS",
        "Zone ou domaine de la carte fonctionnelle (POS), par exemple `6.2`.",
    ),
    (
        "Subject.common_core",
        "Type du tronc commun",
        "Type de service du tronc commun, par exemple `coordination-dcc`.",
    ),
    (
        "Subject.editor",
        "Éditeur",
        "Identifiant de l'éditeur de la solution (`content/referentials/editors.yaml`).",
    ),
    (
        "Subject.solution",
        "Solution",
        "Identifiant de la solution, parmi celles de l'éditeur.",
    ),
    (
        "Subject.solution_version",
        "Version de la solution",
        "Version de la solution utilisée.",
    ),
    (
        "Subject.product",
        "Produit",
        "Pour un produit : socle ou option, et le socle qu'elle complète.",
    ),
    (
        "Subject.national_services",
        "Services socles utilisés",
        "Services socles nationaux utilisés (`content/referentials/national-services.yaml`).",
    ),
    (
        "Subject.publishable",
        "Publiable",
        "Vrai si la fiche peut être publiée. Une fiche non publiable n'apparaît nulle part sur le portail.",
    ),
    (
        "Subject.decommissioning",
        "Décommissionnement prévu",
        "Le service sera arrêté : il est exclu des projections et ne peut pas avoir de plan.",
    ),
    (
        "Subject.archived",
        "Archivée",
        "Fiche archivée : gardée pour l'historique, exclue de tous les agrégats.",
    ),
    (
        "Subject.status",
        "Statut",
        "Brouillon (peut être incomplet) ou validé.",
    ),
    (
        "Subject.assessed_on",
        "Date d'évaluation",
        "Date de l'évaluation (AAAA-MM-JJ).",
    ),
    (
        "Subject.questionnaires",
        "Questionnaires",
        "Questionnaires auxquels la fiche répond, par identifiant de questionnaire.",
    ),
    (
        "Subject.completion_paths",
        "Parcours de complétion",
        "Parcours de complétion du produit (`content/referentials/completion-paths.yaml`) : chacun nomme les questionnaires complémentaires à remplir.",
    ),
    ("SubjectKind", "Service ou produit", "Service ou produit."),
    (
        "SubjectKind=service",
        "Service",
        "Un service déployé par une organisation.",
    ),
    (
        "SubjectKind=product",
        "Produit",
        "Un produit d'un éditeur de logiciels.",
    ),
    ("Product", "Produit", "Précisions sur un produit."),
    (
        "Product.kind",
        "Socle ou option",
        "Socle (produit de base) ou option (module qui complète un socle).",
    ),
    (
        "Product.extends",
        "Socle complété",
        "Pour une option : l'identifiant du produit socle qu'elle complète.",
    ),
    ("ProductKind", "Socle ou option", "Socle ou option."),
    ("ProductKind=socle", "Socle", "Produit de base."),
    (
        "ProductKind=option",
        "Option",
        "Module optionnel d'un socle.",
    ),
    ("Status", "Statut", "Brouillon ou validé."),
    (
        "Status=draft",
        "Brouillon",
        "Travail en cours : peut être incomplet, exclu des agrégats par défaut.",
    ),
    (
        "Status=validated",
        "Validé",
        "Complet et validé par l'organisation.",
    ),
    (
        "Response",
        "Réponses à un questionnaire",
        "Les réponses à un questionnaire.",
    ),
    (
        "Response.version",
        "Version",
        "Version du questionnaire à laquelle on répond.",
    ),
    (
        "Response.preliminary",
        "Réponses préliminaires",
        "Réponses aux questions préliminaires, par identifiant de question.",
    ),
    (
        "Response.answers",
        "Réponses",
        "Réponses, par identifiant de critère.",
    ),
    (
        "PrelimValue",
        "Réponse préliminaire",
        "Une réponse préliminaire : oui/non (`true`/`false`) ou l'un des choix de la question.",
    ),
    (
        "Answer",
        "Réponse",
        "La réponse à un critère, avec son plan de convergence.",
    ),
    (
        "Answer.level",
        "Niveau",
        "Niveau atteint, ou `na` pour « non applicable ».",
    ),
    (
        "Answer.comment",
        "Commentaire",
        "Commentaire libre. Mettez-le entre guillemets s'il contient « : » ou « # ».",
    ),
    (
        "Answer.evidence",
        "Preuves",
        "Liens vers des preuves (documents, pages).",
    ),
    (
        "Answer.value",
        "Valeur déclarée",
        "Critère « valeur » (échelles notées) : la valeur déclarée, par exemple `95` pour 95 %.",
    ),
    (
        "Answer.plan",
        "Plan de convergence",
        "Plan de convergence : trimestre (`2021-T3`) → niveau atteint à la fin de ce trimestre.",
    ),
    (
        "Answer.not_plannable",
        "Cible non planifiable",
        "Pourquoi aucun plan ne peut être donné (« cible non planifiable ») ; justification obligatoire.",
    ),
    (
        "LevelValue",
        "Niveau",
        "Niveau atteint (0 à 3 sur l'échelle standard) ou « na » pour non applicable.",
    ),
    (
        "LevelValue=na",
        "Non applicable",
        "Le critère ne s'applique pas à ce service ou produit.",
    ),
    // content/referentials/completion-paths.yaml
    (
        "CompletionPaths",
        "Parcours de complétion",
        "`content/referentials/completion-paths.yaml` : les parcours de complétion.",
    ),
    (
        "CompletionPaths.source",
        "Source",
        "D'où viennent les parcours.",
    ),
    (
        "CompletionPaths.paths",
        "Parcours",
        "La liste des parcours.",
    ),
    (
        "CompletionPath",
        "Parcours de complétion",
        "Un parcours : les questionnaires complémentaires qu'un produit inscrit dans ce parcours remplit.",
    ),
    (
        "CompletionPath.id",
        "Identifiant",
        "Identifiant du parcours, par exemple `telesante`.",
    ),
    ("CompletionPath.title", "Titre", "Titre du parcours."),
    (
        "CompletionPath.description",
        "Description",
        "Description du parcours.",
    ),
    (
        "CompletionPath.questionnaires",
        "Questionnaires",
        "Identifiants des questionnaires qu'un produit inscrit dans ce parcours remplit.",
    ),
    // answers/<assessor>/evaluations/<id>.yaml
    (
        "Assessment",
        "Évaluation externe",
        "`answers/<évaluateur>/evaluations/<id>.yaml` : les niveaux qu'un organisme évaluateur relève pour un service ou un produit d'une autre organisation.",
    ),
    (
        "Assessment.id",
        "Identifiant",
        "Identifiant de l'évaluation, égal au nom du fichier sans extension.",
    ),
    (
        "Assessment.subject",
        "Fiche évaluée",
        "Identifiant du service ou du produit évalué.",
    ),
    (
        "Assessment.assessed_on",
        "Date d'évaluation",
        "Date de l'évaluation externe (AAAA-MM-JJ).",
    ),
    (
        "Assessment.questionnaires",
        "Questionnaires",
        "Niveaux relevés par l'évaluateur, par identifiant de questionnaire (même forme que dans une fiche).",
    ),
    // content/**/*.md front matter
    (
        "PageMeta",
        "En-tête de page",
        "L'en-tête YAML d'une page Markdown (entre deux lignes `---`).",
    ),
    ("PageMeta.title", "Titre", "Titre de la page."),
    (
        "PageMeta.description",
        "Résumé",
        "Résumé de la page en une phrase.",
    ),
    (
        "PageMeta.axis",
        "Axe",
        "Axe de la doctrine que cette page documente, par exemple `A04.1`.",
    ),
    (
        "PageMeta.source",
        "Source",
        "Référence de la section de la source résumée.",
    ),
    (
        "PageMeta.order",
        "Ordre",
        "Rang de la page dans sa rubrique (le plus petit d'abord).",
    ),
    // campaigns/<id>.json
    (
        "Campaign",
        "Campagne close",
        "`campaigns/<id>.json` : les chiffres d'une campagne figés par « convergence campaign close », relevé officiel qui ne se modifie plus.",
    ),
    (
        "Campaign.id",
        "Identifiant",
        "Identifiant de la campagne, égal au nom du fichier sans extension, par exemple `2020`.",
    ),
    (
        "Campaign.date",
        "Date de la campagne",
        "Date des chiffres : niveaux déclarés à cette date, niveaux attendus lus à cette date.",
    ),
    (
        "Campaign.commit",
        "Commit",
        "Commit du dépôt à partir duquel les chiffres ont été calculés, quand la campagne a été close dans un dépôt git.",
    ),
    (
        "Campaign.perimeter",
        "Périmètre",
        "Périmètre des moyennes (`common-core` : services rattachés au tronc commun, comme la publication).",
    ),
    (
        "Campaign.questionnaires",
        "Questionnaires",
        "Questionnaires en vigueur à la clôture, avec leur version et leurs axes.",
    ),
    (
        "Campaign.subjects",
        "Services et produits",
        "Chaque service ou produit public (publiable, non archivé, validé) : niveaux, plans et appartenance au périmètre.",
    ),
    (
        "Campaign.organisations",
        "Organisations",
        "Chaque organisation publiable qui a répondu à un questionnaire d'organisation.",
    ),
    (
        "Campaign.aggregates",
        "Chiffres publiés",
        "Chaque moyenne à la date de la campagne : une ligne par regroupement, groupe, questionnaire et axe.",
    ),
    (
        "FrozenQuestionnaire",
        "Questionnaire figé",
        "Un questionnaire tel qu'en vigueur à la clôture de la campagne.",
    ),
    (
        "FrozenQuestionnaire.id",
        "Identifiant",
        "Identifiant du questionnaire.",
    ),
    (
        "FrozenQuestionnaire.version",
        "Version",
        "Version en vigueur à la clôture.",
    ),
    (
        "FrozenQuestionnaire.scope",
        "Portée",
        "Service ou organisation.",
    ),
    (
        "FrozenQuestionnaire.axes",
        "Axes",
        "Identifiants des axes, dans l'ordre du fichier.",
    ),
    (
        "FrozenSubject",
        "Sujet figé",
        "Un service, un produit ou une organisation tel que déclaré à la clôture de la campagne.",
    ),
    (
        "FrozenSubject.id",
        "Identifiant",
        "Identifiant du service ou du produit (celui de l'organisation pour ses réponses d'organisation).",
    ),
    (
        "FrozenSubject.org",
        "Organisation",
        "Identifiant de l'organisation qui le déclare.",
    ),
    (
        "FrozenSubject.region",
        "Région",
        "Code INSEE de la région de son organisation.",
    ),
    (
        "FrozenSubject.editor",
        "Éditeur",
        "Identifiant de l'éditeur du logiciel.",
    ),
    (
        "FrozenSubject.in_perimeter",
        "Dans le périmètre",
        "Vrai s'il comptait dans les moyennes de la campagne.",
    ),
    (
        "FrozenSubject.decommissioning",
        "À décommissionner",
        "Vrai s'il devait être décommissionné (exclu des projections).",
    ),
    (
        "FrozenSubject.questionnaires",
        "Réponses",
        "Réponses par identifiant de questionnaire.",
    ),
    (
        "FrozenResponse",
        "Réponses figées",
        "Les réponses à un questionnaire telles que déclarées à la clôture.",
    ),
    (
        "FrozenResponse.version",
        "Version",
        "Version du questionnaire à laquelle il était répondu.",
    ),
    (
        "FrozenResponse.levels",
        "Niveaux",
        "Niveau déclaré (ou `na`) par identifiant de critère.",
    ),
    (
        "FrozenResponse.plans",
        "Plans de convergence",
        "Par identifiant de critère : trimestre → niveau prévu à la fin de ce trimestre.",
    ),
    (
        "FrozenResponse.not_plannable",
        "Non planifiables",
        "Critères déclarés « cible non planifiable ».",
    ),
    (
        "FrozenAggregate",
        "Chiffre publié",
        "Une moyenne à la date de la campagne.",
    ),
    (
        "FrozenAggregate.group_by",
        "Regroupement",
        "`national`, `region`, `organisation`, `domain`, `zone`, `type`, `editor`, `solution` ou `org-kind`.",
    ),
    (
        "FrozenAggregate.group",
        "Groupe",
        "Clé du groupe : code de région, identifiant d'organisation, zone, type…",
    ),
    (
        "FrozenAggregate.questionnaire",
        "Questionnaire",
        "Identifiant du questionnaire.",
    ),
    (
        "FrozenAggregate.axis",
        "Axe",
        "Identifiant de l'axe ; absent pour le questionnaire entier.",
    ),
    (
        "FrozenAggregate.rate",
        "Taux",
        "Taux de maturité moyen entre 0 et 1, arrondi à 6 décimales ; absent quand aucun service n'est concerné.",
    ),
    (
        "FrozenAggregate.level",
        "Niveau",
        "Niveau de maturité moyen, arrondi à 6 décimales ; absent quand aucun service n'est concerné.",
    ),
    (
        "FrozenAggregate.concerned",
        "Concernés",
        "Nombre de services concernés (qui ont répondu par un niveau).",
    ),
    (
        "FrozenAggregate.total",
        "Total",
        "Nombre de services du groupe, dans le périmètre, qui ont une réponse à ce questionnaire.",
    ),
    // content/labels/<id>.yaml
    (
        "Label",
        "Label",
        "`content/labels/<id>.yaml` : un label, détenu par les services et produits qui remplissent toutes ses règles.",
    ),
    (
        "Label.id",
        "Identifiant",
        "Identifiant du label, égal au nom du fichier sans extension.",
    ),
    (
        "Label.title",
        "Titre",
        "Titre du label, affiché sur le portail.",
    ),
    (
        "Label.description",
        "Description",
        "Description facultative du label.",
    ),
    (
        "Label.assessment",
        "Niveaux pris en compte",
        "Niveaux sur lesquels les règles sont vérifiées : « self » (auto-évaluation, par défaut), « external » (évaluations externes seulement) ou « retained » (externe s'il y en a une, sinon auto-évaluation).",
    ),
    (
        "Label.rules",
        "Règles",
        "Les règles, toutes remplies par un titulaire.",
    ),
    (
        "LabelAssessment",
        "Niveaux pris en compte",
        "Auto-évaluation, évaluations externes ou niveaux retenus.",
    ),
    (
        "LabelAssessment=self",
        "Auto-évaluation",
        "Les réponses des services et produits eux-mêmes.",
    ),
    (
        "LabelAssessment=external",
        "Évaluation externe",
        "Seulement les niveaux des évaluations externes.",
    ),
    (
        "LabelAssessment=retained",
        "Niveaux retenus",
        "Les niveaux externes là où il y en a, ceux du service ou produit ailleurs.",
    ),
    (
        "LabelRule",
        "Règle",
        "Une condition sur un questionnaire : un verdict, un taux minimal, ou les deux.",
    ),
    (
        "LabelRule.questionnaire",
        "Questionnaire",
        "Identifiant d'un questionnaire en vigueur rempli par les services et produits.",
    ),
    (
        "LabelRule.axis",
        "Axe",
        "Identifiant d'un axe du questionnaire : le taux minimal porte alors sur cet axe seulement.",
    ),
    (
        "LabelRule.verdict",
        "Verdict",
        "Verdict exigé (questionnaires d'exigences) : « conforme » ou « non-conforme ».",
    ),
    (
        "LabelRule.min_rate",
        "Taux minimal",
        "Taux minimal en pourcentage (de 0 à 100), sur le questionnaire ou sur l'axe.",
    ),
    (
        "LabelVerdict",
        "Verdict",
        "Verdict d'un questionnaire d'exigences.",
    ),
    (
        "LabelVerdict=conforme",
        "Conforme",
        "Toutes les exigences obligatoires applicables sont respectées.",
    ),
    (
        "LabelVerdict=non-conforme",
        "Non conforme",
        "Au moins une exigence obligatoire n'est pas respectée.",
    ),
];

/// Examples shown by editors for the fields people fill in: `(key, JSON values)`.
pub const EXAMPLES: &[(&str, &[&str])] = &[
    ("Organisation.id", &[r#""ara""#]),
    ("Organisation.region", &[r#""84""#]),
    ("Organisation.owners", &[r#"["@ara-esante/referents"]"#]),
    ("Subject.id", &[r#""ara-dcc-onco""#]),
    ("Subject.pos_zone", &[r#""6.2""#]),
    ("Subject.common_core", &[r#""coordination-dcc""#]),
    ("Subject.assessed_on", &[r#""2020-11-30""#]),
    ("Answer.level", &["2", r#""na""#]),
    ("Answer.plan", &[r#"{"2021-T3": 2, "2022-T4": 3}"#]),
    (
        "Answer.evidence",
        &[r#"["https://exemple.fr/dossier-architecture.pdf"]"#],
    ),
    ("Response.version", &[r#""2020""#]),
    ("Questionnaire.id", &[r#""urbanisation-services""#]),
    ("Criterion.id", &[r#""A04.1.1""#]),
];
