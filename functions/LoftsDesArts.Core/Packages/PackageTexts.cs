using System.Collections.Frozen;
using LoftsDesArts.Core.Common;

namespace LoftsDesArts.Core.Packages;

/// <summary>The packages feature's user-facing words: carrier, size and flag names, and field errors.</summary>
public static class PackageTexts
{
    public static readonly LocalizedText TrackingRequired = new(
        "Entrez le numéro de suivi.",
        "Enter the tracking number.");

    public static readonly LocalizedText TrackingTooShort = new(
        "Le numéro de suivi doit compter au moins {0} caractères.",
        "The tracking number must be at least {0} characters long.");

    public static readonly LocalizedText TrackingTooLong = new(
        "Le numéro de suivi ne peut dépasser {0} caractères.",
        "The tracking number cannot exceed {0} characters.");

    public static readonly LocalizedText TrackingInvalidCharacters = new(
        "Le numéro de suivi ne peut contenir que des lettres (A à Z) et des chiffres.",
        "The tracking number can contain only letters (A to Z) and digits.");

    public static readonly LocalizedText FinalNoticeBeforeReturn = new(
        "L'avis final doit précéder le jour du retour à l'expéditeur.",
        "The final notice must come before the day of return to sender.");

    public static readonly LocalizedText RemindersBeforeFinalNotice = new(
        "Les jours de rappel doivent être distincts, d'au moins 1 et précéder l'avis final.",
        "Reminder days must be distinct, at least 1, and come before the final notice.");

    public static readonly LocalizedText SendingHoursOrder = new(
        "L'heure de début d'envoi doit précéder l'heure de fin.",
        "The sending start time must come before the end time.");

    private static readonly FrozenDictionary<Carrier, LocalizedText> Carriers = new Dictionary<Carrier, LocalizedText>
    {
        [Carrier.CanadaPost] = new("Postes Canada", "Canada Post"),
        [Carrier.Purolator] = new("Purolator", "Purolator"),
        [Carrier.Ups] = new("UPS", "UPS"),
        [Carrier.FedEx] = new("FedEx", "FedEx"),
        [Carrier.Dhl] = new("DHL", "DHL"),
        [Carrier.Amazon] = new("Amazon", "Amazon"),
        [Carrier.Other] = new("Autre", "Other"),
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<PackageSize, LocalizedText> Sizes = new Dictionary<PackageSize, LocalizedText>
    {
        [PackageSize.Envelope] = new("Enveloppe", "Envelope"),
        [PackageSize.Small] = new("Petit colis", "Small package"),
        [PackageSize.Large] = new("Gros colis", "Large package"),
        [PackageSize.Oversized] = new("Colis hors format", "Oversized package"),
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<PackageFlag, LocalizedText> Flags = new Dictionary<PackageFlag, LocalizedText>
    {
        [PackageFlag.Perishable] = new("Périssable", "Perishable"),
        [PackageFlag.SignatureRequired] = new("Signature requise", "Signature required"),
        [PackageFlag.Fragile] = new("Fragile", "Fragile"),
    }.ToFrozenDictionary();

    /// <summary>"Postes Canada" / "Canada Post", "UPS"…; <see cref="Carrier.Other"/> is "Autre" / "Other".</summary>
    public static LocalizedText CarrierName(Carrier carrier) => Carriers[carrier];

    public static LocalizedText SizeName(PackageSize size) => Sizes[size];

    public static LocalizedText FlagName(PackageFlag flag) => Flags[flag];

    public static readonly LocalizedText NotFound = new("Ce colis est introuvable.", "This package cannot be found.");

    public static readonly LocalizedText UnitUnknown = new("Cette unité n'existe pas dans l'immeuble.", "This unit does not exist in the building.");

    public static readonly LocalizedText RecipientNotInUnit = new("Cette personne n'habite pas cette unité.", "This person does not live in this unit.");

    public static readonly LocalizedText RecipientRequired = new(
        "Choisissez une unité, ou inscrivez le nom sur l'étiquette pour un destinataire inconnu.",
        "Choose a unit, or type the name on the label for an unknown recipient.");

    public static readonly LocalizedText DuplicateTracking = new(
        "Un colis avec ce numéro de suivi attend déjà à la réception.",
        "A package with this tracking number is already waiting at the desk.");

    public static readonly LocalizedText ClientRequestId = new("Identifiant de requête invalide.", "Invalid request id.");

    public static readonly LocalizedText TooLong = new("Ce texte est trop long.", "This text is too long.");

    public static readonly LocalizedText NoteRequired = new("Ajoutez une note qui explique ce qui s'est passé.", "Add a note that says what happened.");

    public static readonly LocalizedText ReasonRequired = new("Indiquez la raison de l'annulation.", "Give the reason for undoing it.");

    public static readonly LocalizedText NotWaiting = new("Ce colis n'est plus à la réception.", "This package is no longer at the desk.");

    public static readonly LocalizedText AlreadyReleased = new("Ce colis a déjà été remis.", "This package has already been released.");

    public static readonly LocalizedText OtherUnit = new("Ce colis n'appartient pas à cette unité.", "This package does not belong to this unit.");

    public static readonly LocalizedText NothingToRelease = new("Choisissez au moins un colis à remettre.", "Choose at least one package to release.");

    public static readonly LocalizedText TooManyAtOnce = new("Remettez au plus 40 colis à la fois.", "Release at most 40 packages at once.");

    public static readonly LocalizedText NeverRelease = new(
        "Cette unité a demandé de ne jamais remettre ses colis à cette personne.",
        "This unit asked that its packages never be released to this person.");

    public static readonly LocalizedText NotAuthorized = new(
        "Cette personne ne figure pas parmi les personnes autorisées de l'unité (ou son autorisation est échue).",
        "This person is not among the unit's authorized people (or their authorization has expired).");

    public static readonly LocalizedText PickupCodeMismatch = new(
        "Ce code de ramassage n'appartient pas à un résident de cette unité.",
        "This pickup code does not belong to a resident of this unit.");

    public static readonly LocalizedText PickupCodeUnknown = new("Ce code de ramassage est inconnu.", "This pickup code is unknown.");

    public static readonly LocalizedText PickupLookupRequired = new("Entrez un code de ramassage ou une unité.", "Enter a pickup code or a unit.");

    public static readonly LocalizedText UndoNotReleased = new("Ce colis n'a pas été remis : il n'y a rien à annuler.", "This package was not released: there is nothing to undo.");

    public static readonly LocalizedText UndoWindowPassed = new(
        "La remise ne peut plus être annulée : plus de 10 minutes se sont écoulées.",
        "The release can no longer be undone: more than 10 minutes have passed.");

    public static readonly LocalizedText NotUnknownRecipient = new("Ce colis a déjà un destinataire.", "This package already has a recipient.");

    public static readonly LocalizedText HoldDates = new("La date de fin doit suivre la date de début.", "The end date must be on or after the start date.");

    public static readonly LocalizedText TooManyPeople = new("Au plus 20 personnes par liste.", "At most 20 people per list.");

    public static readonly LocalizedText NameRequired = new("Inscrivez un nom.", "Enter a name.");

    public static readonly LocalizedText ExpectedNotFound = new("Ce colis attendu est introuvable.", "This expected package cannot be found.");

    public static readonly LocalizedText TooManyExpected = new("Au plus 50 colis attendus à la fois.", "At most 50 expected packages at a time.");

    public static readonly LocalizedText OutOfRange = new("Cette valeur est hors des limites permises.", "This value is outside the allowed range.");

    public static readonly LocalizedText BothLanguages = new("Remplissez ce texte en français et en anglais.", "Fill in this text in French and in English.");

    public static readonly LocalizedText PhotoNotFound = new("Ce colis n'a pas de photo.", "This package has no photo.");

    public static readonly LocalizedText ReceptionName = new("Réception", "Front desk");
}
