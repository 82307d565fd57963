using LoftsDesArts.EndToEnd.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LoftsDesArts.EndToEnd.Tests.Journeys;

public sealed partial class PortalJourneyTests
{
    /// <summary>
    /// Journey 8a: sign in, switch the theme and sign out with the keyboard only (Tab, Shift+Tab, Enter,
    /// Space), the focus visible at every stop.
    /// </summary>
    [Theory]
    [InlineData("fr-phone-dark")]
    public async Task SignIn_KeyboardOnly_SignsInSwitchesThemeAndSignsOut(string lookName)
    {
        var look = Look.Parse(lookName);
        var account = await Server.CreateResidentAsync(look.Language, People.Name(look.T("Zoé Lavoie", "Jamie Clark")));

        await using var resident = await OpenAsync(look, "resident");
        await resident.GotoAsync(resident.Path("connexion", "sign-in"));
        await resident.ExpectPageAsync("Se connecter", "Sign in");
        await resident.TabToAsync(resident.Field("Adresse courriel", "Email address"));
        await resident.TypeAsync(account.Email);
        await resident.TabToAsync(resident.Field("Mot de passe", "Password"));
        await resident.TypeAsync(account.Password);
        // Shift+Tab goes back to the address; Tab returns to the password; Enter sends the form.
        await resident.TabToAsync(resident.Field("Adresse courriel", "Email address"), backwards: true);
        await resident.TabToAsync(resident.Field("Mot de passe", "Password"));
        await resident.PressAsync("Enter");
        await resident.ExpectPageAsync($"Bonjour, {account.FullName}", $"Hello, {account.FullName}");
        await ExpectUnitAsync(resident, account.UnitNumber);

        // The theme toggle: a toggle button whose pressed state says the dark theme is on.
        var theme = resident.Button("Thème sombre", "Dark theme");
        await resident.TabToAsync(theme, backwards: true);
        await Expect(theme).ToHaveAttributeAsync("aria-pressed", look.Dark ? "true" : "false");
        await resident.PressAsync("Space");
        await Expect(theme).ToHaveAttributeAsync("aria-pressed", look.Dark ? "false" : "true");
        Assert.Equal(look.Dark ? "light" : "dark", await resident.Page.EvaluateAsync<string>("() => document.documentElement.style.colorScheme"));
        await resident.AxeAsync($"the resident home after switching to the {(look.Dark ? "light" : "dark")} theme");
        await resident.ExpectVisibleFocusAsync(theme);
        await resident.PressAsync("Enter");
        await Expect(theme).ToHaveAttributeAsync("aria-pressed", look.Dark ? "true" : "false");

        var signOut = resident.Button("Se déconnecter", "Sign out");
        await resident.TabToAsync(signOut);
        await resident.PressAsync("Enter");
        await resident.ExpectPageAsync("Se connecter", "Sign in");
        resident.AssertHealthy();
    }

    /// <summary>
    /// Journey 8b: the whole registration with the keyboard only — fields, the relationship radio group
    /// (arrow keys), the consent checkboxes (Space), the terms dialog (Enter, Escape, focus back on its
    /// button), the six-digit code — the focus visible at every stop.
    /// </summary>
    [Theory]
    [InlineData("en-phone-light")]
    public async Task Register_KeyboardOnly_LandsSignedInOnHomeWithUnit(string lookName)
    {
        var look = Look.Parse(lookName);
        var unit = Server.FreshUnit();
        var code = await Server.IssueCodeAsync(unit);
        var fullName = People.Name(look.T("Noémie Fortin", "Alex Martin"));
        var email = People.NewEmail(fullName);

        await using var resident = await OpenAsync(look, "resident");
        await resident.GotoAsync(resident.Path("inscription", "sign-up"));
        await resident.ExpectPageAsync("Créer un compte", "Create an account");

        await resident.TabToAsync(resident.Field("Numéro d’unité", "Unit number"));
        await resident.TypeAsync(unit);
        await resident.TabToAsync(resident.Field("Code d’inscription (facultatif)", "Registration code (optional)"));
        await resident.TypeAsync(code);

        var owner = resident.Page.GetByRole(AriaRole.Radio, new() { Name = look.T("Copropriétaire", "Owner"), Exact = true });
        var tenant = resident.Page.GetByRole(AriaRole.Radio, new() { Name = look.T("Locataire", "Tenant"), Exact = true });
        await resident.TabToAsync(owner);
        await resident.PressAsync("ArrowDown");
        await Expect(tenant).ToBeFocusedAsync();
        await Expect(tenant).ToBeCheckedAsync();
        await resident.ExpectVisibleFocusAsync(tenant);

        await resident.TabToAsync(resident.Field("Nom complet", "Full name"));
        await resident.TypeAsync(fullName);
        await resident.TabToAsync(resident.Field("Adresse courriel", "Email address"));
        await resident.TypeAsync(email);
        await resident.TabToAsync(resident.Field("Mot de passe", "Password"));
        await resident.TypeAsync(People.NewPassword());

        var terms = resident.Page.GetByRole(AriaRole.Checkbox, new() { Name = look.T("J’ai lu et j’accepte les conditions d’utilisation.", "I have read and accept the terms of use."), Exact = true });
        await resident.TabToAsync(terms);
        await resident.PressAsync("Space");
        await Expect(terms).ToBeCheckedAsync();

        // The terms open in a dialog and close with Escape, focus back where it was.
        var readTerms = resident.Button("Lire les conditions d’utilisation", "Read the terms of use");
        await resident.TabToAsync(readTerms);
        await resident.PressAsync("Enter");
        var dialog = resident.Page.GetByRole(AriaRole.Dialog, new() { Name = look.T("Lire les conditions d’utilisation", "Read the terms of use") });
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.GetByRole(AriaRole.Heading, new() { Level = 3 })).ToBeVisibleAsync();
        await resident.AxeAsync("the terms dialog");
        await resident.PressAsync("Escape");
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(readTerms).ToBeFocusedAsync();

        var privacy = resident.Page.GetByRole(AriaRole.Checkbox, new()
        {
            Name = look.T(
                "J’ai lu la politique de protection des renseignements personnels et je consens au traitement de mes renseignements qui y est décrit.",
                "I have read the privacy notice and consent to the processing of my information described in it."),
            Exact = true,
        });
        await resident.TabToAsync(privacy);
        await resident.PressAsync("Space");
        await Expect(privacy).ToBeCheckedAsync();

        await resident.TabToAsync(resident.Button("Créer mon compte", "Create my account"));
        await resident.PressAsync("Enter");
        await resident.ExpectPageAsync("Vérifiez vos courriels", "Check your inbox");

        var mail = await EmailAsync(look, email, "Confirmez votre adresse courriel", "Confirm your email address");
        await resident.TabToAsync(resident.Field("Code de vérification", "Verification code"));
        await resident.TypeAsync(Outbox.SixDigitCode(mail));
        await resident.PressAsync("Enter");
        await resident.ExpectPageAsync($"Bonjour, {fullName}", $"Hello, {fullName}");
        await ExpectUnitAsync(resident, unit);
        resident.AssertHealthy();
    }
}
