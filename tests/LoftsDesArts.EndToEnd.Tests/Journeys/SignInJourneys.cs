using LoftsDesArts.EndToEnd.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LoftsDesArts.EndToEnd.Tests.Journeys;

public sealed partial class PortalJourneyTests
{
    /// <summary>Journey 3: sign in with the password, sign out, then sign in with a one-time code from the email.</summary>
    [Theory]
    [InlineData("en-desktop-light")]
    public async Task SignIn_PasswordThenSignOutThenEmailedCode_SignedInEachTime(string lookName)
    {
        var look = Look.Parse(lookName);
        var account = await Server.CreateResidentAsync(look.Language, People.Name(look.T("Éloïse Bouchard", "Avery Wilson")));

        await using var resident = await OpenAsync(look, "resident");
        await resident.GotoAsync(resident.Path("connexion", "sign-in"));
        await resident.ExpectPageAsync("Se connecter", "Sign in");
        await resident.AxeAsync("the sign-in form");
        await SignInResidentAsync(resident, account.Email, account.Password, account.FullName);
        await ExpectUnitAsync(resident, account.UnitNumber);

        await resident.Button("Se déconnecter", "Sign out").ClickAsync();
        await resident.ExpectPageAsync("Se connecter", "Sign in");
        await Expect(resident.Button("Se déconnecter", "Sign out")).ToHaveCountAsync(0);

        await resident.Button("Recevoir plutôt un code à usage unique par courriel", "Email me a one-time code instead").ClickAsync();
        await resident.Field("Adresse courriel", "Email address").FillAsync(account.Email);
        await resident.Button("Envoyer le code", "Send the code").ClickAsync();
        var codeField = resident.Field("Code à usage unique", "One-time code");
        await Expect(codeField).ToBeVisibleAsync();
        await Expect(resident.Page.GetByText(look.T($"Si un compte existe pour {account.Email}, un code à usage unique vient de lui être envoyé.", $"If an account exists for {account.Email}, a one-time code has just been sent to it."))).ToBeVisibleAsync();
        await resident.AxeAsync("the one-time code form");

        var mail = await EmailAsync(look, account.Email, "Votre code de connexion à usage unique", "Your one-time sign-in code");
        await codeField.FillAsync(Outbox.SixDigitCode(mail));
        await resident.Button("Se connecter", "Sign in").ClickAsync();
        await resident.ExpectPageAsync($"Bonjour, {account.FullName}", $"Hello, {account.FullName}");
        await ExpectUnitAsync(resident, account.UnitNumber);
        resident.AssertHealthy();
    }

    /// <summary>Journey 4: forgot → email → link → new password; the new one signs in, the old one no longer does, and a notice says so in the person's language.</summary>
    [Theory]
    [InlineData("fr-phone-dark")]
    public async Task ResetPassword_ThroughEmailedLink_NewPasswordWorksOldDoesNotAndNoticeSent(string lookName)
    {
        var look = Look.Parse(lookName);
        var account = await Server.CreateResidentAsync(look.Language, People.Name(look.T("Mathis Côté", "Quinn Taylor")));
        var newPassword = People.NewPassword();

        await using var resident = await OpenAsync(look, "resident");
        await resident.GotoAsync(resident.Path("connexion", "sign-in"));
        await resident.ExpectPageAsync("Se connecter", "Sign in");
        await resident.Link("Mot de passe oublié ?", "Forgot your password?").ClickAsync();
        await resident.ExpectPageAsync("Mot de passe oublié", "Forgot password");
        await resident.AxeAsync("the forgotten-password form");
        await resident.Field("Adresse courriel", "Email address").FillAsync(account.Email);
        await resident.Button("Envoyer le lien", "Send the link").ClickAsync();
        await resident.ExpectPageAsync("Vérifiez vos courriels", "Check your inbox");

        var mail = await EmailAsync(look, account.Email, "Réinitialisez votre mot de passe", "Reset your password");
        await resident.GotoAsync(Outbox.Link(mail, look.T("/fr/reinitialiser?jeton=", "/en/reset-password?token=")));
        await resident.ExpectPageAsync("Choisir un nouveau mot de passe", "Choose a new password");
        await resident.AxeAsync("the reset link's page");
        await resident.Field("Nouveau mot de passe", "New password").FillAsync(newPassword);
        await resident.Button("Enregistrer le mot de passe", "Save the password").ClickAsync();
        await resident.ExpectPageAsync("Mot de passe changé", "Password changed");
        await resident.AxeAsync("password changed");

        // The old password is refused, the new one signs in.
        await resident.Main.GetByRole(AriaRole.Link, new() { Name = look.T("Se connecter", "Sign in"), Exact = true }).ClickAsync();
        await resident.ExpectPageAsync("Se connecter", "Sign in");
        await resident.Field("Adresse courriel", "Email address").FillAsync(account.Email);
        await resident.Field("Mot de passe", "Password").FillAsync(account.Password);
        await resident.Button("Se connecter", "Sign in").ClickAsync();
        await Expect(resident.ErrorSummary).ToContainTextAsync(look.T("Adresse courriel ou mot de passe incorrect.", "Incorrect email address or password."));
        await resident.Field("Mot de passe", "Password").FillAsync(newPassword);
        await resident.Button("Se connecter", "Sign in").ClickAsync();
        await resident.ExpectPageAsync($"Bonjour, {account.FullName}", $"Hello, {account.FullName}");

        var notice = await EmailAsync(look, account.Email, "Votre mot de passe a été modifié", "Your password was changed");
        Assert.Contains(look.T("Mot de passe oublié", "Forgot password"), notice.TextBody, StringComparison.Ordinal);
        resident.AssertHealthy();
    }
}
