using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Identity;
using LoftsDesArts.Core.Registrations;
using LoftsDesArts.EndToEnd.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace LoftsDesArts.EndToEnd.Tests.Journeys;

public sealed partial class PortalJourneyTests
{
    /// <summary>
    /// Journey 7: an unknown unit, a wrong registration code, a weak password, a wrong verification
    /// code and a wrong password — each message beside its field and in the error summary (which takes
    /// focus and links to the field), in the page's language even when the browser remembers the other one.
    /// </summary>
    [Theory]
    [InlineData("en-desktop-dark")]
    public async Task Errors_UnknownUnitWrongCodesWeakAndWrongPassword_ShownBesideFieldAndInSummary(string lookName)
    {
        var look = Look.Parse(lookName);
        var unit = Server.FreshUnit();
        var fullName = People.Name(look.T("Rosalie Pelletier", "Sam Carter"));
        var email = People.NewEmail(fullName);
        var password = People.NewPassword();
        string Say(LocalizedText text) => text.In(look.Language);

        await using var resident = await OpenAsync(look, "resident");
        // The browser remembers the other language from an earlier visit (the portal's language cookie);
        // the page opened now is in this look's language, and so must every message on it be.
        await resident.Page.Context.AddCookiesAsync([new() { Name = "lda-lang", Value = look.French ? "en" : "fr", Url = Server.BaseUrl }]);
        await resident.GotoAsync(resident.Path("inscription", "sign-up"));
        await resident.ExpectPageAsync("Créer un compte", "Create an account");
        var unitField = resident.Field("Numéro d’unité", "Unit number");
        var codeField = resident.Field("Code d’inscription (facultatif)", "Registration code (optional)");
        var passwordField = resident.Field("Mot de passe", "Password");
        var submit = resident.Button("Créer mon compte", "Create my account");

        // A unit the building does not have.
        await SubmitSignUpAsync(resident, "9999", null, fullName, email, password);
        await Expect(resident.ErrorSummary).ToBeFocusedAsync();
        await ExpectFieldErrorAsync(resident, unitField, Say(RegistrationTexts.UnknownUnit));
        await resident.AxeAsync("sign-up with an unknown unit");

        // The unit exists, but the code is not one of its codes.
        await unitField.FillAsync(unit);
        await codeField.FillAsync("K7QD-M2XH-9PFA");
        await submit.ClickAsync();
        await ExpectFieldErrorAsync(resident, codeField, Say(RegistrationTexts.CodeInvalid));
        await Expect(unitField).Not.ToHaveAttributeAsync("aria-invalid", "true");

        // Without a code, but with a password that is long enough and easy to guess.
        await codeField.FillAsync(string.Empty);
        await passwordField.FillAsync("password1234");
        await submit.ClickAsync();
        await ExpectFieldErrorAsync(resident, passwordField, Say(IdentityTexts.PasswordTooGuessable));
        await resident.AxeAsync("sign-up with a weak password");

        // Fixed: the request is sent; a wrong six-digit code is refused beside its field.
        await passwordField.FillAsync(password);
        await submit.ClickAsync();
        await resident.ExpectPageAsync("Vérifiez vos courriels", "Check your inbox");
        var verificationField = resident.Field("Code de vérification", "Verification code");
        await verificationField.FillAsync("000000");
        await resident.Button("Confirmer mon adresse", "Confirm my address").ClickAsync();
        await ExpectFieldErrorAsync(resident, verificationField, Say(IdentityTexts.VerificationInvalid));
        await resident.AxeAsync("a wrong verification code");

        // A resident who mistypes their password.
        var account = await Server.CreateResidentAsync(look.Language, People.Name(look.T("Olivier Gauthier", "Drew Miller")));
        await resident.GotoAsync(resident.Path("connexion", "sign-in"));
        await resident.ExpectPageAsync("Se connecter", "Sign in");
        await resident.Field("Adresse courriel", "Email address").FillAsync(account.Email);
        var signInPassword = resident.Field("Mot de passe", "Password");
        await signInPassword.FillAsync(account.Password + "x");
        await resident.Button("Se connecter", "Sign in").ClickAsync();
        await Expect(resident.ErrorSummary).ToBeFocusedAsync();
        await ExpectFieldErrorAsync(resident, signInPassword, Say(IdentityTexts.InvalidCredentials));
        await resident.AxeAsync("a wrong password");
        resident.AssertHealthy();
    }
}
