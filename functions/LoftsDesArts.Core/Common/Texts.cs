namespace LoftsDesArts.Core.Common;

/// <summary>Shared user-facing strings. Features keep their own strings beside their code.</summary>
public static class Texts
{
    public static class Errors
    {
        public static readonly LocalizedText Generic = new(
            "Une erreur est survenue. Veuillez réessayer.",
            "Something went wrong. Please try again.");

        public static readonly LocalizedText Unexpected = new(
            "Une erreur inattendue est survenue. Réessayez dans un instant; si le problème persiste, communiquez avec la gestion.",
            "An unexpected error occurred. Try again in a moment; if it keeps happening, contact management.");

        public static readonly LocalizedText Validation = new(
            "Certains champs sont à corriger.",
            "Some fields need to be corrected.");

        public static readonly LocalizedText Unauthenticated = new(
            "Veuillez vous connecter pour continuer.",
            "Please sign in to continue.");

        public static readonly LocalizedText Forbidden = new(
            "Vous n'avez pas accès à cette ressource.",
            "You do not have access to this resource.");

        public static readonly LocalizedText NotFound = new(
            "Cette ressource est introuvable.",
            "This resource could not be found.");

        public static readonly LocalizedText Stale = new(
            "Ces données ont été modifiées entre-temps. Rechargez la page et réessayez.",
            "This data was changed in the meantime. Reload the page and try again.");

        public static readonly LocalizedText PayloadTooLarge = new(
            "La requête est trop volumineuse.",
            "The request is too large.");

        public static readonly LocalizedText MalformedBody = new(
            "Le contenu de la requête est illisible. Il doit être du JSON valide.",
            "The request body could not be read. It must be valid JSON.");

        public static readonly LocalizedText UnsupportedMediaType = new(
            "Le contenu de la requête doit être du JSON (application/json).",
            "The request body must be JSON (application/json).");

        public static readonly LocalizedText CsrfRejected = new(
            "Requête refusée : elle ne provient pas du portail.",
            "Request refused: it did not come from the portal.");

        public static readonly LocalizedText Throttled = new(
            "Trop de tentatives. Patientez quelques instants avant de réessayer.",
            "Too many attempts. Wait a moment before trying again.");

        public static readonly LocalizedText Unavailable = new(
            "Le service est momentanément indisponible. Réessayez dans un instant.",
            "The service is temporarily unavailable. Try again in a moment.");
    }

    public static class Fields
    {
        public static readonly LocalizedText Required = new(
            "Ce champ est obligatoire.",
            "This field is required.");

        public static readonly LocalizedText TooLong = new(
            "Ce champ ne peut dépasser {0} caractères.",
            "This field cannot exceed {0} characters.");

        public static readonly LocalizedText TooShort = new(
            "Ce champ doit compter au moins {0} caractères.",
            "This field must be at least {0} characters long.");

        public static readonly LocalizedText InvalidEmail = new(
            "Entrez une adresse courriel valide, par exemple nom@exemple.com.",
            "Enter a valid email address, for example name@example.com.");

        public static readonly LocalizedText InvalidChoice = new(
            "Cette valeur n'est pas permise.",
            "This value is not allowed.");

        public static readonly LocalizedText WrongType = new(
            "Cette valeur n'est pas du type attendu (texte, nombre ou oui/non).",
            "This value is not of the expected type (text, number or yes/no).");

        public static readonly LocalizedText OutOfRange = new(
            "Cette valeur doit être entre {0} et {1}.",
            "This value must be between {0} and {1}.");
    }
}
