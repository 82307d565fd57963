using System.Text.RegularExpressions;
using LoftsDesArts.EndToEnd.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LoftsDesArts.EndToEnd.Tests.Journeys;

public sealed partial class PortalJourneyTests
{
    [GeneratedRegex(@"\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b")]
    private static partial Regex RegistrationCodePattern();

    /// <summary>Journey 1: a manager issues a unit's code; a resident registers with it on a phone, confirms by the email's link and lands signed in.</summary>
    [Theory]
    [InlineData("fr-phone-light")]
    public async Task Register_WithIssuedCodeAndEmailLink_LandsSignedInOnHomeWithUnit(string lookName)
    {
        var look = Look.Parse(lookName);
        var unit = Server.FreshUnit();

        // The manager issues the code in the console and opens the printable letter.
        var (manager, _) = await SignInManagerAsync(look.On(Viewport.Desktop));
        await using var _m = manager;
        await NavigateAsync(manager, "Unités", "Units");
        await manager.ExpectPageAsync("Unités", "Units");
        await manager.Link($"Gérer les codes de l’unité {unit}", $"Manage codes for unit {unit}").ClickAsync();
        await manager.ExpectPageAsync($"Codes d’inscription de l’unité {unit}", $"Registration codes of unit {unit}");
        await manager.Button("Créer le code", "Create the code").ClickAsync();
        var issued = manager.Page.GetByRole(AriaRole.Group, new() { Name = manager.Look.T("Nouveau code", "New code") });
        await Expect(issued).ToBeFocusedAsync();
        var code = RegistrationCodePattern().Match(await issued.InnerTextAsync()).Value;
        Assert.False(string.IsNullOrEmpty(code), "The issued code is shown.");
        await manager.AxeAsync("a code just issued");

        await issued.GetByRole(AriaRole.Link, new() { Name = manager.Look.T("Ouvrir la lettre à imprimer", "Open the letter to print") }).ClickAsync();
        await manager.ExpectPageAsync("Lettre du code d’inscription", "Registration code letter");
        var letters = manager.Page.GetByRole(AriaRole.Region);
        await Expect(letters).ToHaveCountAsync(2);
        // French first, then English, each in its own language, each with the code and the unit.
        await Expect(letters.Nth(0)).ToHaveAttributeAsync("lang", "fr-CA");
        await Expect(letters.Nth(0).GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync("Votre code d’inscription au portail des résidents");
        await Expect(letters.Nth(1)).ToHaveAttributeAsync("lang", "en-CA");
        await Expect(letters.Nth(1).GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync("Your registration code for the resident portal");
        for (var i = 0; i < 2; i++)
        {
            await Expect(letters.Nth(i)).ToContainTextAsync(code);
            await Expect(letters.Nth(i)).ToContainTextAsync(unit);
        }

        await Expect(letters.Nth(0)).ToContainTextAsync($"{Server.BaseUrl}/fr/inscription");
        await Expect(letters.Nth(1)).ToContainTextAsync($"{Server.BaseUrl}/en/sign-up");
        await Expect(manager.Button("Imprimer", "Print")).ToBeVisibleAsync();
        await manager.AxeAsync("the printable letter");

        // Shown once: back on the unit's page, the code is listed by its use, never shown again.
        await manager.Link("Retour aux codes de l’unité", "Back to the unit codes").ClickAsync();
        await manager.ExpectPageAsync($"Codes d’inscription de l’unité {unit}", $"Registration codes of unit {unit}");
        await Expect(manager.Page.GetByRole(AriaRole.Cell, new() { Name = manager.Look.T("0 sur 4", "0 of 4") })).ToBeVisibleAsync();
        await Expect(manager.Page.GetByText(code)).ToHaveCountAsync(0);
        manager.AssertHealthy();

        // The resident registers with the code on a phone.
        var fullName = People.Name(look.T("Camille Tremblay", "Jordan Smith"));
        var email = People.NewEmail(fullName);
        var password = People.NewPassword();
        await using var resident = await OpenAsync(look, "resident");
        await resident.GotoAsync(resident.Path("inscription", "sign-up"));
        await resident.ExpectPageAsync("Créer un compte", "Create an account");
        await resident.AxeAsync("the sign-up form");
        await SubmitSignUpAsync(resident, unit, code.ToLowerInvariant(), fullName, email, password);
        await resident.ExpectPageAsync("Vérifiez vos courriels", "Check your inbox");
        await Expect(resident.Page.GetByText(resident.Look.T("l’équipe de gestion doit approuver", "the management team must approve"))).ToHaveCountAsync(0);

        // The email's link opens a page that waits for the button: nothing is posted on load.
        var mail = await EmailAsync(look, email, "Confirmez votre adresse courriel", "Confirm your email address");
        var link = Outbox.Link(mail, look.T("/fr/verifier?jeton=", "/en/verify?token="));
        Assert.StartsWith(Server.BaseUrl, link, StringComparison.Ordinal);
        var beforeLink = resident.LastSequence;
        await resident.GotoAsync(link);
        await resident.ExpectPageAsync("Confirmer votre adresse courriel", "Confirm your email address");
        var confirm = resident.Button("Confirmer mon adresse courriel", "Confirm my email address");
        await Expect(confirm).ToBeEnabledAsync();
        await resident.AxeAsync("the email link's page");
        await resident.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.DoesNotContain(resident.Events, e => e.Sequence > beforeLink && e.Kind == "request" && e.Detail.Contains("/api/auth/verify-email", StringComparison.Ordinal));

        await confirm.ClickAsync();
        await resident.ExpectPageAsync($"Bonjour, {fullName}", $"Hello, {fullName}");
        await Expect(resident.Page.GetByText(resident.Look.T("Votre adresse courriel est confirmée.", "Your email address is confirmed."), new() { Exact = true })).ToBeVisibleAsync();
        await ExpectUnitAsync(resident, unit);
        await resident.AxeAsync("the signed-in resident home");
        resident.AssertHealthy();
    }

    /// <summary>Journey 2: the resident confirms the address by pasting the email's six-digit code on the "check your inbox" page, in English.</summary>
    [Theory]
    [InlineData("en-phone-dark")]
    public async Task Register_WithSixDigitCodePasted_LandsSignedInOnHomeWithUnit(string lookName)
    {
        var look = Look.Parse(lookName);
        var unit = Server.FreshUnit();
        var code = await Server.IssueCodeAsync(unit);
        var fullName = People.Name(look.T("Léa Gagnon", "Riley Brown"));
        var email = People.NewEmail(fullName);

        await using var resident = await OpenAsync(look, "resident");
        await resident.GotoAsync(resident.Path("inscription", "sign-up"));
        await resident.ExpectPageAsync("Créer un compte", "Create an account");
        await SubmitSignUpAsync(resident, unit, code, fullName, email, People.NewPassword());
        await resident.ExpectPageAsync("Vérifiez vos courriels", "Check your inbox");
        await resident.AxeAsync("check your inbox, code form");

        var mail = await EmailAsync(look, email, "Confirmez votre adresse courriel", "Confirm your email address");
        var sixDigits = Outbox.SixDigitCode(mail);

        // Pasted from the clipboard, as copied from the email.
        await resident.Page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = Server.BaseUrl });
        await resident.Page.EvaluateAsync("text => navigator.clipboard.writeText(text)", sixDigits);
        var field = resident.Field("Code de vérification", "Verification code");
        await field.FocusAsync();
        await resident.PressAsync("ControlOrMeta+V");
        await Expect(field).ToHaveValueAsync(sixDigits);
        await resident.Button("Confirmer mon adresse", "Confirm my address").ClickAsync();

        await resident.ExpectPageAsync($"Bonjour, {fullName}", $"Hello, {fullName}");
        await Expect(resident.Page.GetByText(resident.Look.T("Votre adresse courriel est confirmée. Bienvenue !", "Your email address is confirmed. Welcome!"), new() { Exact = true })).ToBeVisibleAsync();
        await ExpectUnitAsync(resident, unit);
        await resident.AxeAsync("the signed-in resident home");
        resident.AssertHealthy();
    }
}
