using LoftsDesArts.Core.Access;
using LoftsDesArts.EndToEnd.Tests.Support;
using Microsoft.Playwright;
using MimeKit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace LoftsDesArts.EndToEnd.Tests.Journeys;

/// <summary>
/// The journeys of issue 2 through the web app in Chromium, against the real self-host.
/// <para>
/// Coverage plan. A look is language × viewport (phone 390×844, desktop 1280×800) × theme (the device's
/// colour scheme). Each journey runs once, in its own look, chosen so that every one of the eight looks
/// appears and axe runs in each (the run shares one self-host and one Chromium and stays within a few
/// minutes on two cores). Staff work on a desktop; a resident uses the journey's look.
/// </para>
/// <code>
/// journey                                           resident look      staff look
/// 1 code issued → email link → signed in (+ letter) fr-phone-light     fr-desktop-light
/// 2 code → six-digit code pasted                    en-phone-dark
/// 3 sign in, sign out, emailed one-time code        en-desktop-light
/// 4 password reset                                  fr-phone-dark
/// 5 live registration on the console, approve       en-phone-light     fr-desktop-dark
///   (keyboard), approval email, sign in
/// 6 reject with a reason                            fr-desktop-light   en-desktop-dark
/// 7 error messages (field + summary)                en-desktop-dark
/// 8a keyboard only: sign in, theme, sign out        fr-phone-dark (axe after switching to light)
/// 8b keyboard only: registration                    en-phone-light
///
/// look               axe runs in journeys
/// fr-phone-light     1 (resident), 8a (after the switch to the light theme)
/// fr-phone-dark      4
/// fr-desktop-light   1 (manager)
/// fr-desktop-dark    5 (manager)
/// en-phone-light     5 (resident), 8b
/// en-phone-dark      2
/// en-desktop-light   3
/// en-desktop-dark    6 (manager), 7
/// </code>
/// axe (WCAG 2.2 A/AA tags) runs after each meaningful state: forms shown, errors shown, dialogs open,
/// email-link pages, signed-in homes, the console list with the new item; the looks bring the dark
/// theme and English. Waits are Playwright's auto-waits and <c>Expect</c> (20 s, against hangs only).
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class PortalJourneyTests(EndToEndFixture fixture, ITestOutputHelper output)
{
    private PortalServer Server => fixture.Server;

    private Outbox Outbox => fixture.Server.Outbox;

    private async Task<Person> OpenAsync(Look look, string who)
    {
        var person = await fixture.NewPersonAsync(look, who);
        person.Log = output.WriteLine;
        return person;
    }

    // ---- steps shared by the journeys ------------------------------------------------------------

    /// <summary>A manager account in the look's language, signed in through the two-step sign-in, on the console home.</summary>
    private Task<(Person Manager, StaffAccount Account)> SignInManagerAsync(Look look) => SignInStaffAsync(look, Role.Manager, "manager");

    /// <summary>A staff account of the role in the look's language, signed in through the two-step sign-in (password, then TOTP), on the console home.</summary>
    private async Task<(Person Manager, StaffAccount Account)> SignInStaffAsync(Look look, Role role, string who)
    {
        var account = await Server.CreateStaffAsync(role, look.Language);
        var manager = await OpenAsync(look, who);
        await manager.GotoAsync(manager.Path("connexion", "sign-in"));
        await manager.ExpectPageAsync("Se connecter", "Sign in");
        await manager.Field("Adresse courriel", "Email address").FillAsync(account.Email);
        await manager.Field("Mot de passe", "Password").FillAsync(account.Password);
        await manager.Button("Se connecter", "Sign in").ClickAsync();
        await manager.ExpectPageAsync("Vérification en deux étapes", "Two-step verification");
        await manager.Field("Code de l’application d’authentification", "Code from the authenticator app").FillAsync(Server.TotpCode(account.TotpSecret));
        await manager.Button("Se connecter", "Sign in").ClickAsync();
        await manager.ExpectPageAsync("Console de gestion", "Management console");
        return (manager, account);
    }

    /// <summary>Opens a page from the main navigation, through the menu button on a phone.</summary>
    private static async Task NavigateAsync(Person person, string fr, string en)
    {
        var navigation = person.Page.GetByRole(AriaRole.Navigation, new() { Name = person.Look.T("Navigation principale", "Main navigation") });
        if (person.Look.Viewport == Viewport.Phone)
        {
            await person.Button("Menu", "Menu").ClickAsync();
        }

        await navigation.GetByRole(AriaRole.Link, new() { Name = person.Look.T(fr, en), Exact = true }).ClickAsync();
    }

    /// <summary>The sign-up form, filled and sent (the form must be on screen).</summary>
    private static async Task SubmitSignUpAsync(Person resident, string unit, string? code, string fullName, string email, string password)
    {
        await resident.Field("Numéro d’unité", "Unit number").FillAsync(unit);
        await resident.Field("Code d’inscription (facultatif)", "Registration code (optional)").FillAsync(code ?? string.Empty);
        await resident.Page.GetByRole(AriaRole.Radio, new() { Name = resident.Look.T("Locataire", "Tenant"), Exact = true }).CheckAsync();
        await resident.Field("Nom complet", "Full name").FillAsync(fullName);
        await resident.Field("Adresse courriel", "Email address").FillAsync(email);
        await resident.Field("Mot de passe", "Password").FillAsync(password);
        await Expect(resident.Page.GetByRole(AriaRole.Radio, new() { Name = resident.Look.French ? "Français" : "English", Exact = true })).ToBeCheckedAsync();
        await resident.Page.GetByRole(AriaRole.Checkbox, new() { Name = resident.Look.T("J’ai lu et j’accepte les conditions d’utilisation.", "I have read and accept the terms of use."), Exact = true }).CheckAsync();
        await resident.Page.GetByRole(AriaRole.Checkbox, new()
        {
            Name = resident.Look.T(
                "J’ai lu la politique de protection des renseignements personnels et je consens au traitement de mes renseignements qui y est décrit.",
                "I have read the privacy notice and consent to the processing of my information described in it."),
            Exact = true,
        }).CheckAsync();
        await resident.Button("Créer mon compte", "Create my account").ClickAsync();
    }

    /// <summary>Signs in with a password on the sign-in page, landing on the resident home.</summary>
    private static async Task SignInResidentAsync(Person resident, string email, string password, string fullName)
    {
        await resident.ExpectPageAsync("Se connecter", "Sign in");
        await resident.Field("Adresse courriel", "Email address").FillAsync(email);
        await resident.Field("Mot de passe", "Password").FillAsync(password);
        await resident.Button("Se connecter", "Sign in").ClickAsync();
        await resident.ExpectPageAsync($"Bonjour, {fullName}", $"Hello, {fullName}");
    }

    /// <summary>The resident home shows the unit under "Your home".</summary>
    private static async Task ExpectUnitAsync(Person resident, string unit)
    {
        var home = resident.Page.GetByRole(AriaRole.Region, new() { Name = resident.Look.T("Votre logement", "Your home") });
        await Expect(home.GetByRole(AriaRole.Heading, new() { Name = resident.Look.T($"Unité {unit}", $"Unit {unit}"), Exact = true })).ToBeVisibleAsync();
    }

    /// <summary>An email in the person's language: its Content-Language and its subject.</summary>
    private async Task<MimeMessage> EmailAsync(Look look, string to, string subjectFr, string subjectEn)
    {
        var message = await Outbox.WaitForAsync(to, look.T(subjectFr, subjectEn));
        Assert.Equal(look.Tag, Outbox.Language(message));
        return message;
    }

    /// <summary>A field's error is beside it (its description, aria-invalid) and in the error summary, which links to the field.</summary>
    private static async Task ExpectFieldErrorAsync(Person person, ILocator field, string message)
    {
        await Expect(field).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(field).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(message)));
        await Expect(person.ErrorSummary.GetByRole(AriaRole.Link, new() { Name = message, Exact = true })).ToBeVisibleAsync();
    }

    private void Log(string text) => output.WriteLine(text);
}
