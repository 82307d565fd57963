using LoftsDesArts.Core.Access;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Email;
using LoftsDesArts.Core.Packages;

namespace LoftsDesArts.Core.Tests.Email;

/// <summary>One filled model per email kind; invented people and links only.</summary>
public static class EmailSamples
{
    /// <summary>2026-11-26 19:05 UTC is 14:05 in Montréal (EST).</summary>
    public static readonly DateTimeOffset Instant = new(2026, 11, 26, 19, 5, 0, TimeSpan.Zero);

    public static readonly IReadOnlyList<EmailModel> All =
    [
        new VerifyEmail("Zoé Tremblay", new Uri("https://portail.example.test/verifier?jeton=ab12"), "K7Q-4MX", Instant),
        new SignInCode("Éloïse Gagnon", "482913", Instant),
        new PasswordReset("Zoé Tremblay", new Uri("https://portail.example.test/mot-de-passe?jeton=cd34"), Instant),
        new PasswordChanged("Zoé Tremblay", Instant),
        new EmailChanged("Zoé Tremblay", "z***@exemple.test", Instant),
        new AccountExists("Zoé Tremblay", new Uri("https://portail.example.test/connexion"), new Uri("https://portail.example.test/mot-de-passe-oublie")),
        new RegistrationReceived("Éloïse Gagnon", "1204"),
        new RegistrationApproved("Éloïse Gagnon", "1204", new Uri("https://portail.example.test/connexion")),
        new RegistrationRejected("Éloïse Gagnon", "1204", "Le bail fourni ne correspond pas à cette unité."),
        new StaffInvitation("Mathis Roy", "Lofts des Arts", Role.FrontDesk, new Uri("https://portail.example.test/invitation?jeton=ef56"), Instant),
        new PackagesArrivedEmail("Camille", "Lofts des Arts", PackageItems, PickupLocation, DeskHours, new Uri("https://portail.example.test/fr/colis")),
        new PackageReminderEmail("Camille", "Lofts des Arts", PackageItems, ReminderStage.Reminder(1), new DateOnly(2026, 12, 10), PickupLocation, DeskHours, new Uri("https://portail.example.test/fr/colis")),
        new PackagesReleasedEmail("Camille", "Lofts des Arts", "Jean Roy", Instant, PackageItems, new Uri("https://portail.example.test/fr/colis?vue=historique")),
    ];

    public static LocalizedText PickupLocation => new("Réception, hall d'entrée", "Front desk, lobby");

    public static LocalizedText DeskHours => new("Tous les jours, 7\u00a0h à 23\u00a0h", "Every day, 7 a.m. to 11 p.m.");

    /// <summary>Arrived 2026-11-26 14:03 (UPS, perishable) and 2026-11-23 09:15 (Canada Post), Montréal time.</summary>
    public static IReadOnlyList<PackageEmailItem> PackageItems =>
    [
        new(Carrier.Ups, PackageSize.Small, [PackageFlag.Perishable], new DateTimeOffset(2026, 11, 26, 19, 3, 0, TimeSpan.Zero), 0),
        new(Carrier.CanadaPost, PackageSize.Large, [PackageFlag.SignatureRequired, PackageFlag.Fragile], new DateTimeOffset(2026, 11, 23, 14, 15, 0, TimeSpan.Zero), 3),
    ];

    public static EmailModel For(Type type) => All.Single(m => m.GetType() == type);
}
