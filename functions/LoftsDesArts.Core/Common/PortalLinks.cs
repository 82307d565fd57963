namespace LoftsDesArts.Core.Common;

/// <summary>
/// Links in emails, in the recipient's language: the web app's paths (French paths in French). Email
/// links open a page with a button; they never act on a plain GET (mail scanners open links).
/// </summary>
public sealed class PortalLinks(IPublicOrigin origin)
{
    public Uri VerifyEmail(Language language, string token) =>
        Build(language == Language.En ? $"/en/verify?token={Uri.EscapeDataString(token)}" : $"/fr/verifier?jeton={Uri.EscapeDataString(token)}");

    public Uri ResetPassword(Language language, string token) =>
        Build(language == Language.En ? $"/en/reset-password?token={Uri.EscapeDataString(token)}" : $"/fr/reinitialiser?jeton={Uri.EscapeDataString(token)}");

    /// <summary>A staff invitation: a page that shows the building and role; its buttons accept.</summary>
    public Uri StaffInvitation(Language language, string token) =>
        Build(language == Language.En ? $"/en/invitation?token={Uri.EscapeDataString(token)}" : $"/fr/invitation?jeton={Uri.EscapeDataString(token)}");

    public Uri SignIn(Language language) => Build(language == Language.En ? "/en/sign-in" : "/fr/connexion");

    public Uri ForgotPassword(Language language) => Build(language == Language.En ? "/en/forgot-password" : "/fr/mot-de-passe-oublie");

    /// <summary>The resident's packages page (web/src/config/paths.ts: <c>packages</c>).</summary>
    public Uri Packages(Language language) => Build(language == Language.En ? "/en/packages" : "/fr/colis");

    private Uri Build(string path)
    {
        return new Uri(origin.Origin.TrimEnd('/') + path);
    }
}
