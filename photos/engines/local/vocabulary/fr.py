"""Français."""

CODE = "fr"
NAME = "Français"

OPS = {
    "grayscale": ["noir et blanc", "en noir et blanc", "n b", "nb", "niveaux de gris", "en niveaux de gris",
                  "monochrome", "sans couleur", "noir blanc"],
    "sepia": ["sépia", "ton sépia", "en sépia"],
    "vintage": ["vintage", "rétro", "ancien", "ancienne", "vieille photo", "effet vieilli", "vieilli", "argentique",
                "effet argentique", "nostalgique", "années 70", "à l ancienne"],
    "vignette": ["vignette", "vignettage", "coins sombres", "assombrir les coins"],
    "pencil_sketch": ["croquis", "dessin au crayon", "au crayon", "crayon", "dessin", "esquisse", "fusain"],
    "cartoon": ["dessin animé", "cartoon", "bande dessinée", "bd", "style bd", "manga", "anime", "style comic"],
    "denoise": ["débruiter", "débruite", "enlever le bruit", "enlève le bruit", "réduire le bruit",
                "réduis le bruit", "supprimer le bruit", "sans bruit", "réduction du bruit", "enlever le grain"],
    "auto_enhance": ["améliorer", "améliore", "améliore la", "amélioration automatique", "optimiser", "optimise",
                     "balance des blancs", "corriger les couleurs", "corrige les couleurs", "retoucher", "retouche",
                     "arranger", "arrange", "plus joli", "plus jolie", "plus belle", "plus beau", "mieux",
                     "plus professionnelle", "correction colorimétrique", "embellir"],
    "background_blur": ["bokeh", "mode portrait", "effet portrait", "profondeur de champ", "faible profondeur de champ"],
    "background_remove": ["transparent", "transparente", "transparence", "détourer", "détoure", "détourage",
                          "détoure la", "sans fond", "sans arrière plan", "fond transparent", "découpe", "découper",
                          "détourez"],
    "background_clean": ["studio", "fond studio", "look studio", "désencombrer", "ranger le fond", "épurer",
                         "épure"],
    "straighten": ["redresser", "redresse", "redresse la", "redresse le", "redressez", "remettre droit",
                   "mettre droit", "remets la droite", "horizon droit", "mettre l horizon droit",
                   "redresser l horizon", "redresse l horizon", "aligner l horizon", "penché", "penchée",
                   "de travers", "pas droit", "pas droite", "corriger l inclinaison", "niveler l horizon"],
    "product_frame": ["photo produit", "photo de produit", "image produit", "packshot", "photo catalogue",
                      "style catalogue", "photo e commerce", "photo pour boutique en ligne", "photo pour amazon",
                      "centrer le produit", "centre le produit", "centré", "centrée", "au centre"],
    "upscale": ["agrandir", "agrandis", "agrandis la", "agrandissement", "augmenter la résolution",
                "augmente la résolution", "plus de résolution", "haute résolution", "meilleure résolution",
                "upscaler", "plus grande", "plus grand", "doubler la taille", "double taille", "suréchantillonner"],
    "crop": ["recadrer", "recadre", "recadre la", "recadrez", "recadrage", "rogner", "rogne", "couper", "coupe"],
    "crop.1:1": ["carré", "carrée", "format carré"],
    "crop.16:9": ["grand écran", "panoramique"],
    "resize": ["redimensionner", "redimensionne", "redimensionnez", "changer la taille", "change la taille",
               "modifier la taille", "taille"],
    "resize.half": ["plus petite", "plus petit", "réduire la taille", "réduis la taille", "rapetisser",
                    "moitié de la taille", "diminuer la taille"],
    "rotate": ["pivoter", "pivote", "fais pivoter", "faire pivoter", "tourner", "tourne", "tourne la",
               "rotation"],
    "rotate.180": ["à l envers", "tête en bas", "demi tour"],
    "flip": ["retourner", "retourne", "miroir", "effet miroir", "en miroir", "inverser", "inverse",
             "symétrie", "symétrique"],
    "shadow": ["ombre", "ombres", "ombre douce", "ombre naturelle", "ombre de contact", "ombre au sol",
               "ombre portée douce"],
    "background_image": ["ce fond", "cet arrière plan", "le fond joint", "le fond envoyé", "le nouveau fond",
                         "cette image de fond", "avec cette image", "avec l'image jointe",
                         "cette image comme fond", "utilise ce fond"],
    "shadow.drop": ["ombre portée", "ombre projetée", "ombre dure", "ombre longue", "drop shadow"],
}

AXES = {
    "brightness+": ["lumineuse", "lumineux", "luminosité", "clair", "claire", "plus claire", "plus clair",
                    "lumière", "plus de lumière", "éclairée", "éclairé", "brillante"],
    "brightness-": ["sombre", "sombres", "foncée", "foncé", "obscure", "terne sombre", "sous éclairée"],
    "exposure+": ["exposition", "surexposée", "surexposé"],
    "exposure-": ["sous exposée", "sous exposé", "sousexposée"],
    "contrast+": ["contraste", "contrastée", "contrasté", "dramatique", "percutante", "punchy"],
    "contrast-": ["plate", "plat", "délavée", "délavé", "fade", "peu contrastée"],
    "saturation+": ["saturée", "saturé", "saturation", "colorée", "coloré", "vive", "vives", "couleurs vives",
                    "plus de couleur", "couleurs plus vives", "couleurs intenses"],
    "saturation-": ["désaturée", "désaturé", "couleurs ternes", "moins de couleur", "couleurs atténuées",
                    "décolorée"],
    "vibrance+": ["vibrance", "vibrante", "éclatante", "éclatant", "plus de peps", "peps", "pétillante",
                  "faire ressortir les couleurs", "couleurs éclatantes"],
    "vibrance-": ["terne", "ternes", "sans vie", "morne"],
    "warmth+": ["chaude", "chaud", "chaleureuse", "chaleureux", "chaleur", "tons chauds", "dorée", "doré"],
    "warmth-": ["froide", "froid", "fraîche", "tons froids", "bleutée", "bleuté"],
    "sharpness+": ["nette", "net", "netteté", "plus nette", "nettement", "précise", "détaillée", "détails",
                   "plus de détails", "piqué", "mise au point"],
    "sharpness-": ["flou", "floue", "flous", "floues", "brouillée", "brouillé", "pas nette", "bougée",
                   "hors de mise au point"],
    "smoothness+": ["lisse", "plus lisse", "doux", "douce", "adoucie", "soyeuse"],
    "noise+": ["bruit", "bruitée", "bruité", "grain", "granuleuse", "granuleux", "du grain"],
    "clutter+": ["encombré", "encombrée", "chargé", "chargée", "désordonné", "désordonnée", "en désordre",
                 "fouillis"],
}
AXIS_VERBS = {
    "brightness+": ["éclaircir", "éclaircis", "éclaircis la", "éclaircissez", "illuminer", "illumine", "éclairer",
                    "éclaire", "éclaire la"],
    "brightness-": ["assombrir", "assombris", "assombris la", "assombrissez", "foncer", "fonce"],
    "saturation+": ["saturer", "sature"],
    "saturation-": ["désaturer", "désature"],
    "warmth+": ["réchauffer", "réchauffe", "réchauffe la"],
    "warmth-": ["refroidir", "refroidis"],
    "sharpness+": ["accentuer la netteté", "affiner", "affine", "rendre nette", "rends la nette"],
    "sharpness-": ["flouter", "floute", "floute le", "floute la", "floutez", "rendre flou", "rends flou",
                   "brouiller"],
    "smoothness+": ["lisser", "lisse la", "adoucir", "adoucis"],
}
CLEAN = ["propre", "propres", "plus propre", "épuré", "épurée", "simple", "neutre", "minimaliste",
         "uni", "unie", "net et propre", "rangé", "dégagé", "pur"]

TARGETS = {
    "background": ["fond", "le fond", "arrière plan", "l arrière plan", "arrière plans", "décor", "derrière moi",
                   "derrière lui", "derrière elle", "environnement", "fonds"],
    "subject": ["sujet", "personne", "personnes", "gens", "visage", "peau", "modèle", "produit", "article",
                "objet", "homme", "femme", "garçon", "fille", "enfant", "bébé", "chien", "chat", "animal",
                "voiture", "bouteille", "chaussure", "chaussures", "sac", "montre", "tasse", "bague", "fleur",
                "premier plan", "mon visage"],
    "pronoun": ["moi", "lui", "elle", "eux", "nous"],
    "image": ["photo", "image", "cliché", "la photo", "l image", "toute l image", "cette photo", "cette image",
              "selfie"],
}
VERBS = {
    "remove": ["enlever", "enlève", "enlevez", "enlève le", "retirer", "retire", "retirez", "supprimer", "supprime",
               "supprimez", "effacer", "efface", "effacez", "ôter", "ôte", "virer", "vire", "sans", "éliminer",
               "élimine", "faire disparaître", "fais disparaître", "enleve"],
    "make": ["rends", "rendre", "rendez", "rends la", "rends le", "fais", "faire", "faites", "fais la", "mets la",
             "mets le", "mettre en", "mets en", "convertir", "convertis", "transforme en", "transformer en",
             "passe en", "passer en", "enregistrer", "enregistre", "enregistre la", "exporter", "exporte",
             "sauvegarder", "sauvegarde", "je veux", "je voudrais", "j aimerais", "il me faut"],
    "keep": ["garde", "garder", "gardez", "conserve", "conserver", "conservez", "laisse", "laisser", "laissez",
             "préserve", "préserver", "ne touche pas", "sans toucher", "intact"],
    "isolate": ["isoler", "isole", "isolez", "extraire", "extrais", "extrayez", "séparer", "sépare",
                "garde seulement", "garde uniquement", "ne garde que", "ne garder que"],
    "change": ["changer", "change", "changez", "remplacer", "remplace", "remplacez", "échanger", "échange",
               "transformer", "transforme", "modifier", "modifie"],
    "add": ["ajouter", "ajoute", "ajoutez", "appliquer", "applique", "appliquez", "donne", "donner", "donnez",
            "insérer", "insère", "rajoute", "rajouter", "mets un", "mets une", "mettre un", "mettre une"],
    "put": ["mets", "mettre", "mettez", "place", "placer", "placez", "pose", "poser", "posez"],
    "create": ["dessine", "dessiner", "peins", "peindre", "écris", "écrire", "écrivez", "génère", "générer",
               "crée", "créer", "créez", "imagine", "imaginer", "invente", "inventer"],
}
MODIFIERS = {
    "more": ["plus", "plus de", "augmenter", "augmente", "augmentez", "monter", "monte", "accentuer", "accentue",
             "renforcer", "renforce", "intensifier", "intensifie", "booster", "booste", "davantage", "manque",
             "manque de", "rehausser", "rehausse"],
    "less": ["moins", "moins de", "réduire", "réduis", "réduisez", "diminuer", "diminue", "baisser", "baisse",
             "atténuer", "atténue", "corriger", "corrige", "limiter"],
    "too": ["trop", "beaucoup trop", "excessivement", "bien trop"],
    "not": ["pas", "ne", "n", "non", "aucun", "aucune", "jamais"],
    "enough": ["assez", "suffisamment"],
    "is": ["est", "c est", "sont", "semble", "paraît", "a l air", "elle est", "il est", "était", "rend",
           "trouve"],
    "on": ["sur", "sur un", "sur une", "devant un"],
    "with": ["avec", "par"],
}
STRENGTHS = {
    "max": ["au maximum", "maximum", "complètement", "totalement", "extrêmement", "à fond", "le plus possible",
            "super"],
    "strong": ["beaucoup", "très", "fort", "forte", "fortement", "nettement plus", "vraiment", "bien plus",
               "considérablement", "intense"],
    "light": ["un peu", "légèrement", "léger", "légère", "un poil", "un soupçon", "subtil", "subtile",
              "subtilement", "une touche", "un brin", "un tout petit peu", "doucement", "discret", "discrète"],
}
SCOPE = {
    "except": ["sauf", "excepté", "à part", "hormis", "mais pas", "tout sauf", "à l exception de", "en dehors de"],
    "only": ["seulement", "uniquement", "juste", "que", "seul", "seule", "rien que"],
    "all": ["tout", "toute", "tout le reste", "le reste", "reste", "tout le", "toute la"],
    "but": ["mais", "cependant", "tout en", "pourtant"],
}
DIRECTIONS = {
    "left": ["gauche", "à gauche", "vers la gauche", "sens antihoraire", "sens inverse des aiguilles d une montre",
             "antihoraire"],
    "right": ["droite", "à droite", "vers la droite", "sens horaire", "dans le sens des aiguilles d une montre",
              "horaire"],
    "horizontal": ["horizontalement", "horizontal", "de gauche à droite"],
    "vertical": ["verticalement", "vertical", "de haut en bas"],
}
UNITS = {
    "degrees": ["degrés", "degré", "deg"],
    "pixels": ["pixels", "pixel"],
    "percent": ["pour cent", "pourcent"],
    "times": ["fois"],
    "width": ["de large", "largeur", "large"],
    "height": ["de haut", "hauteur"],
    "long_side": ["grand côté", "plus grand côté", "côté long"],
    "margin": ["marge", "marges", "bordure", "espace autour"],
    "pad": ["sans recadrer", "sans rogner", "ajuster", "contenir", "avec bandes", "remplir"],
}
RATIOS = {"16:9": ["paysage", "format paysage"], "4:5": ["portrait", "format portrait"], "9:16": ["story", "reel"]}
COLORS = {
    "white": ["blanc", "blanche", "blancs"], "black": ["noir", "noire"], "gray": ["gris", "grise"],
    "lightgray": ["gris clair"], "darkgray": ["gris foncé"], "red": ["rouge"], "green": ["vert", "verte"],
    "blue": ["bleu", "bleue"], "navy": ["bleu marine", "marine"], "lightblue": ["bleu clair"],
    "skyblue": ["bleu ciel"], "yellow": ["jaune"], "orange": ["orangé"], "pink": ["rose"],
    "purple": ["violet", "violette", "pourpre", "mauve"], "brown": ["marron", "brun"], "beige": ["beige"],
    "cream": ["crème"], "off white": ["blanc cassé"], "silver": ["argent", "argenté"], "turquoise": ["turquoise"],
}
SIZES = {
    "instagram_square": ["carré instagram", "post instagram", "publication instagram"],
    "instagram_portrait": ["portrait instagram", "instagram portrait"],
    "instagram_story": ["story instagram", "stories instagram"],
    "passport": ["photo d identité", "photo d identite", "passeport", "photo passeport", "format identité"],
}
FILLER = """s il te plaît s il vous plaît stp svp merci merci beaucoup bonjour salut coucou peux tu pouvez vous
    pourrais tu pourriez vous j ai besoin besoin c est pour pour ma mon mes boutique site client clients patron
    maintenant vite rapidement urgent aujourd hui demain ok d accord alors un une des le la les l de du d en au
    aux et que qui ça ce cela je tu il elle on vous me te se un peu couleur couleurs ton tons effet style look
    version aspect instagram facebook présentation mariage projet vente amazon ebay etsy quelque chose truc
    bien merci d avance cordialement svp naturel naturelle original originale même pareil tel quel telle quelle
    comme est possible si l image tout en soit être""".split()
DETERMINERS = ["le", "la", "les", "l", "un", "une", "des", "mon", "ma", "mes", "ton", "ta", "tes", "son", "sa",
               "ses", "ce", "cet", "cette", "ces", "du", "au"]
CONTEXT = ["pour", "de", "du", "d", "en", "dans", "parce", "car", "comme"]
THINGS = """ciel nuage nuages soleil lune étoile étoiles arcenciel mer océan eau plage montagne montagnes arbre
    arbres herbe pelouse mur sol table fenêtre porte bâtiment maison rue chemise tshirt robe vêtements veste
    chapeau casquette lunettes cheveux yeux oeil lèvres bouche dents nez barbe tatouage maquillage drapeau
    panneau texte logo filigrane nom mots lettres date câbles fils poubelle touristes inconnu inconnus dragon
    licorne couronne ailes feu neige pluie brouillard fumée vaisseau extraterrestre robot zombie superhéros
    fantôme ballon ballons main mains bras corps tête rides boutons reflet reflets meuble meubles canapé
    lit""".split()
GENERATIVE = ["plus jeune", "rajeunir", "rajeunis", "plus vieux", "plus vieille", "vieillir", "plus mince",
              "mincir", "amincir", "plus grand de taille", "plus musclé", "chauve", "blond", "blonde", "sourire",
              "souriant", "souriante", "échange de visage", "changer de visage", "nu", "nue", "déshabiller", "âge",
              "genre", "dragon", "licorne", "yeux rouges"]
AND = ["et", "puis", "ensuite", "et puis", "aussi", "également", "ainsi que", "enfin", "après", "de plus"]

MESSAGES = {
    "empty": "Le prompt est vide.",
    "not_understood": "Je ne comprends pas « {part} ».",
    "did_you_mean": "Vouliez-vous dire « {suggestion} » ?",
    "generative": "Je ne peux pas faire « {part} » : ajouter, enlever ou changer du contenu demande un modèle génératif.",
    "scope": "Je ne peux pas cibler « {part} » : je ne distingue que le sujet principal et l'arrière-plan.",
    "no_edit": "Je ne trouve dans ce prompt aucune retouche que je sache faire.",
    "cannot_add": "Ajouter {what} n'est pas dans mes possibilités.",
    "cannot_region": "Je ne peux pas appliquer {op} au {region} seulement.",
    "resize_range": "La taille {size} px est hors limites : chaque côté doit faire {low} à {high} px.",
    "upscale_range": "Agrandir de {factor} est hors limites : jusqu'à ×4 (ou une taille jusqu'à {high} px).",
    "margin_range": "Une marge de {percent} % est hors limites : de 0 à 25 % par côté.",
    "resize_size": "Indiquez la taille : 1080x1080, 800 px de large, 1024 px ou 50 %.",
    "passport": "Les photos d'identité suivent des règles propres à chaque pays que je ne peux pas garantir : demandez une taille exacte (ex. 600x600).",
    "pixels_only": "Je ne peux retoucher que les pixels déjà présents.",
    "capabilities": "Je sais : arrière-plan : propre et lumineux, blanc ou toute couleur (noms, #hex, rgb()), le "
                    "supprimer (transparent), le flouter (mode portrait), l'assombrir, l'éclaircir ou le désaturer ; "
                    "seulement le sujet ou tout sauf le sujet ; image entière : luminosité, contraste, exposition, "
                    "saturation, vibrance, plus chaud/plus froid, noir et blanc, sépia, vintage, netteté, flou, "
                    "réduction du bruit, vignette, amélioration automatique, croquis au crayon, dessin animé ; "
                    "géométrie : pivoter de n'importe quel angle, redresser l'horizon, miroir, recadrer en carré, "
                    "16:9 ou 4:5, agrandir ×2–×4 ou en 4K, taille exacte (1080x1080, 800 px de large, Instagram, "
                    "HD, Full HD, 4K) ; photo produit (centré sur fond blanc carré) ; ombre portée ou douce ; "
                    "enregistrer en png, jpg ou webp.",
}
EXAMPLES = {
    "background_clean": "fond propre et lumineux",
    "background_color": "fond blanc",
    "background_remove": "retire le fond",
    "background_blur": "floute l'arrière-plan",
    "background_darken": "assombris le fond",
    "background_desaturate": "fond en noir et blanc",
    "brightness": "photo plus lumineuse",
    "exposure": "augmente l'exposition",
    "contrast": "plus de contraste",
    "saturation": "couleurs plus saturées",
    "vibrance": "couleurs plus éclatantes",
    "warmth": "plus chaude",
    "grayscale": "en noir et blanc",
    "sepia": "ton sépia",
    "vintage": "effet vintage",
    "vignette": "ajoute un vignettage",
    "auto_enhance": "améliore la photo",
    "sharpen": "plus nette",
    "blur": "floute la photo",
    "denoise": "enlève le bruit",
    "pencil_sketch": "transforme en dessin au crayon",
    "cartoon": "style dessin animé",
    "rotate": "pivote de 90 degrés vers la droite",
    "straighten": "redresse l'horizon",
    "flip": "retourne horizontalement",
    "crop": "recadre en carré",
    "upscale": "agrandis 2x",
    "resize": "redimensionne en 1080x1080",
    "product_frame": "photo produit sur fond blanc",
    "shadow": "ajoute une ombre portée",
    "output_format": "enregistre en png",
    "region": "floute tout sauf le sujet",
}
