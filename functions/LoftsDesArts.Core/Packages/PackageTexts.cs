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
}
