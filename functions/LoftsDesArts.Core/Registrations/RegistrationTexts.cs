using LoftsDesArts.Core.Common;

namespace LoftsDesArts.Core.Registrations;

public static class RegistrationTexts
{
    public static readonly LocalizedText UnknownBuilding = new(
        "Cet immeuble n'accepte pas d'inscriptions en ligne.",
        "This building does not accept online registrations.");

    public static readonly LocalizedText UnknownUnit = new(
        "Aucune unité ne porte ce numéro dans l'immeuble. Vérifiez le numéro inscrit sur votre porte.",
        "No unit has this number in the building. Check the number on your door.");

    public static readonly LocalizedText CodeInvalid = new(
        "Ce code d'inscription n'est pas valide pour cette unité. Vérifiez la lettre remise par la gestion, ou laissez le champ vide pour faire approuver votre demande.",
        "This registration code is not valid for this unit. Check the letter from management, or leave the field empty to have your request approved.");

    public static readonly LocalizedText CodeUsed = new(
        "Ce code d'inscription a déjà été utilisé le nombre de fois permis. Demandez un nouveau code à la gestion, ou laissez le champ vide pour faire approuver votre demande.",
        "This registration code has already been used the allowed number of times. Ask management for a new code, or leave the field empty to have your request approved.");

    public static readonly LocalizedText CodeExpired = new(
        "Ce code d'inscription est expiré. Demandez un nouveau code à la gestion, ou laissez le champ vide pour faire approuver votre demande.",
        "This registration code has expired. Ask management for a new code, or leave the field empty to have your request approved.");

    public static readonly LocalizedText CodeRevoked = new(
        "Ce code d'inscription a été annulé par la gestion. Demandez un nouveau code, ou laissez le champ vide pour faire approuver votre demande.",
        "This registration code was cancelled by management. Ask for a new code, or leave the field empty to have your request approved.");

    public static readonly LocalizedText TermsRequired = new(
        "Vous devez accepter les conditions d'utilisation pour créer un compte.",
        "You must accept the terms of use to create an account.");

    public static readonly LocalizedText PrivacyRequired = new(
        "Vous devez accepter l'avis de confidentialité pour créer un compte.",
        "You must accept the privacy notice to create an account.");

    public static readonly LocalizedText OutdatedTerms = new(
        "Les conditions ont été mises à jour. Rechargez la page pour lire la version en vigueur.",
        "The terms have been updated. Reload the page to read the current version.");

    public static readonly LocalizedText RegistrationNotFound = new(
        "Cette demande d'inscription est introuvable.",
        "This registration request could not be found.");

    public static readonly LocalizedText AlreadyDecided = new(
        "Cette demande a déjà été traitée.",
        "This request has already been handled.");

    public static readonly LocalizedText ReasonRequired = new(
        "Indiquez la raison du refus : elle sera transmise à la personne.",
        "Give the reason for the refusal: it will be sent to the person.");

    public static readonly LocalizedText CodeNotFound = new(
        "Ce code d'inscription est introuvable.",
        "This registration code could not be found.");

    public static readonly LocalizedText ResidentNotFound = new(
        "Cette personne n'est pas résidente de cette unité.",
        "This person is not a resident of this unit.");

    public static readonly LocalizedText NotAnOwner = new(
        "Cette personne ne s'est pas déclarée copropriétaire.",
        "This person did not declare themselves a co-owner.");
}
