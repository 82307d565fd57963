using LoftsDesArts.Core.Access;
using LoftsDesArts.Core.Email;

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
    ];

    public static EmailModel For(Type type) => All.Single(m => m.GetType() == type);
}
