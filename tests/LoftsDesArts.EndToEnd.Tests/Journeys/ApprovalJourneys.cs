using System.Text.RegularExpressions;
using LoftsDesArts.EndToEnd.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LoftsDesArts.EndToEnd.Tests.Journeys;

public sealed partial class PortalJourneyTests
{
    [GeneratedRegex(@"^GET .*/api/buildings/[^/]+/registrations(\?|$)")]
    private static partial Regex RegistrationListRequest();

    private static bool IsRegistrationList(PageEvent e) => e.Kind == "request" && RegistrationListRequest().IsMatch(e.Detail);

    private static bool IsPush(PageEvent e, string kind) => e.Kind == "frame" && e.Detail.Contains("\"target\":\"push\"", StringComparison.Ordinal) && e.Detail.Contains($"\"{kind}\"", StringComparison.Ordinal);

    /// <summary>
    /// The manager, signed in, on the registrations page with its list loaded, the hub connected
    /// before the page opened. Returns the sequence number after which the page must stay quiet.
    /// </summary>
    private static async Task<long> OpenRegistrationsAsync(Person manager)
    {
        // SignalR's handshake answer ("{}" and the record separator): the hub connection is up.
        await manager.WaitForEventAsync(0, e => e.Kind == "frame" && e.Detail == "{}\u001e", "the hub's handshake");
        var beforeNavigation = manager.LastSequence;
        await NavigateAsync(manager, "Inscriptions", "Registrations");
        await manager.ExpectPageAsync("Inscriptions à approuver", "Registrations to approve");
        await manager.WaitForEventAsync(beforeNavigation, e => e.Kind == "finished" && RegistrationListRequest().IsMatch(e.Detail), "the list of registrations");
        await Expect(manager.Page.GetByRole(AriaRole.Heading, new() { Level = 2, NameRegex = new Regex(manager.Look.T("^Demandes en attente : \\d+$", "^Requests waiting: \\d+$")) })).ToBeVisibleAsync();
        return manager.LastSequence;
    }

    private static ILocator Card(Person manager, string fullName) =>
        manager.Main.GetByRole(AriaRole.Listitem).Filter(new() { Has = manager.Page.GetByRole(AriaRole.Heading, new() { Name = fullName, Level = 3, Exact = true }) });

    /// <summary>
    /// Journey 5: a registration without a code appears on the manager's open console page by a push —
    /// no request for the list between the page load and the push, then one after it. The manager
    /// approves with the keyboard; the resident's home updates, the approval email arrives in the
    /// resident's language, and signing in again shows the unit.
    /// </summary>
    [Theory]
    [InlineData("en-phone-light", "fr-desktop-dark")]
    public async Task Registration_WithoutCode_AppearsLiveOnConsoleAndApprovalReachesResident(string residentLookName, string managerLookName)
    {
        var residentLook = Look.Parse(residentLookName);
        var managerLook = Look.Parse(managerLookName);
        var unit = Server.FreshUnit();
        var fullName = People.Name(residentLook.T("Gabrielle Roy", "Morgan Lee"));
        var email = People.NewEmail(fullName);
        var password = People.NewPassword();

        var (manager, _) = await SignInManagerAsync(managerLook);
        await using var _m = manager;
        var quietFrom = await OpenRegistrationsAsync(manager);

        // The resident registers, without a code, in another browser.
        await using var resident = await OpenAsync(residentLook, "resident");
        await resident.GotoAsync(resident.Path("inscription", "sign-up"));
        await resident.ExpectPageAsync("Créer un compte", "Create an account");
        await SubmitSignUpAsync(resident, unit, null, fullName, email, password);
        await resident.ExpectPageAsync("Vérifiez vos courriels", "Check your inbox");
        await Expect(resident.Page.GetByText(residentLook.T(
            "Vous n’avez pas donné de code d’inscription : l’équipe de gestion doit approuver votre demande.",
            "You gave no registration code: the management team must approve your request."))).ToBeVisibleAsync();

        // The request appears on the manager's page, announced politely.
        var card = Card(manager, fullName);
        await Expect(card).ToBeVisibleAsync();
        await Expect(card).ToContainTextAsync(unit);
        await Expect(manager.Announcer).ToHaveTextAsync(managerLook.T("Une nouvelle demande d’inscription est arrivée.", "A new registration request has arrived."));

        // Pushed, not polled: the push came first, the list was fetched after it, never before.
        var events = manager.Events.Where(e => e.Sequence > quietFrom).ToList();
        var push = events.FirstOrDefault(e => IsPush(e, "registration.submitted"));
        Assert.True(push is not null, "The page received the registration.submitted push over its WebSocket.");
        var before = events.Where(e => e.Sequence < push.Sequence && e.Kind == "request").ToList();
        Assert.DoesNotContain(before, IsRegistrationList);
        var after = events.Where(e => e.Sequence > push.Sequence && IsRegistrationList(e)).ToList();
        Assert.NotEmpty(after);
        Log($"quiet from {events.FirstOrDefault()?.At}: {before.Count} request(s) from the page before the push, none for the list; " +
            $"push received at {push.At}; list fetched at {after[0].At} ({(after[0].At - push.At).TotalMilliseconds:0} ms later).");
        await manager.AxeAsync("the console list with the new request");

        // The resident confirms the address by the link: signed in, waiting for approval.
        var mail = await EmailAsync(residentLook, email, "Confirmez votre adresse courriel", "Confirm your email address");
        await resident.GotoAsync(Outbox.Link(mail, residentLook.T("/fr/verifier?jeton=", "/en/verify?token=")));
        await resident.Button("Confirmer mon adresse courriel", "Confirm my email address").ClickAsync();
        await resident.ExpectPageAsync($"Bonjour, {fullName}", $"Hello, {fullName}");
        await Expect(resident.Page.GetByText(residentLook.T("Demande d’inscription en attente", "Registration waiting for approval"), new() { Exact = true })).ToBeVisibleAsync();
        await resident.AxeAsync("the home of a resident waiting for approval");

        // The manager approves with the keyboard only.
        var approve = manager.Page.GetByRole(AriaRole.Button, new() { Name = managerLook.T($"Approuver l’inscription de {fullName}", $"Approve the registration of {fullName}"), Exact = true });
        await manager.TabToAsync(approve, maxPresses: 80);
        await manager.PressAsync("Enter");
        var dialog = manager.Page.GetByRole(AriaRole.Dialog, new() { Name = managerLook.T($"Approuver l’inscription de {fullName}", $"Approve the registration of {fullName}") });
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog).ToContainTextAsync(unit);
        await manager.AxeAsync("the approval dialog");
        await manager.TabToAsync(dialog.GetByRole(AriaRole.Button, new() { Name = managerLook.T("Approuver", "Approve"), Exact = true }));
        await manager.PressAsync("Space");
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(manager.Announcer).ToHaveTextAsync(managerLook.T($"L’inscription de {fullName} est approuvée.", $"The registration of {fullName} is approved."));
        await Expect(Card(manager, fullName)).ToHaveCountAsync(0);
        manager.AssertHealthy();

        // The resident's open home learns of the decision (pushed to them) and shows the unit.
        await ExpectUnitAsync(resident, unit);
        await Expect(resident.Announcer).ToHaveTextAsync(residentLook.T("L’état de votre inscription a changé.", "The status of your registration has changed."));

        // The approval email, in the resident's language, leads to the sign-in page; signing in shows the unit.
        var approved = await EmailAsync(residentLook, email, "Votre inscription est approuvée", "Your registration is approved");
        var signInLink = Outbox.Link(approved, residentLook.T("/fr/connexion", "/en/sign-in"));
        await resident.Button("Se déconnecter", "Sign out").ClickAsync();
        await resident.ExpectPageAsync("Se connecter", "Sign in");
        await resident.GotoAsync(signInLink);
        await SignInResidentAsync(resident, email, password, fullName);
        await ExpectUnitAsync(resident, unit);
        resident.AssertHealthy();
    }

    /// <summary>Journey 6: the manager refuses a registration with a reason (required), and the refusal email carries it.</summary>
    [Theory]
    [InlineData("fr-desktop-light", "en-desktop-dark")]
    public async Task Registration_RejectedWithReason_EmailCarriesTheReason(string residentLookName, string managerLookName)
    {
        var residentLook = Look.Parse(residentLookName);
        var managerLook = Look.Parse(managerLookName);
        var unit = Server.FreshUnit();
        var fullName = People.Name(residentLook.T("Félix Leclerc", "Casey Jones"));
        var email = People.NewEmail(fullName);
        var reason = managerLook.T(
            $"Notre registre indique que l’unité {unit} est occupée par un autre ménage. Passez à la réception avec une preuve de résidence.",
            $"Our records show unit {unit} is occupied by another household. Please bring proof of residence to the front desk.");

        var (manager, _) = await SignInManagerAsync(managerLook);
        await using var _m = manager;
        await OpenRegistrationsAsync(manager);

        await using var resident = await OpenAsync(residentLook, "resident");
        await resident.GotoAsync(resident.Path("inscription", "sign-up"));
        await resident.ExpectPageAsync("Créer un compte", "Create an account");
        await SubmitSignUpAsync(resident, unit, null, fullName, email, People.NewPassword());
        await resident.ExpectPageAsync("Vérifiez vos courriels", "Check your inbox");

        var card = Card(manager, fullName);
        await Expect(card).ToBeVisibleAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = managerLook.T($"Refuser l’inscription de {fullName}", $"Reject the registration of {fullName}"), Exact = true }).ClickAsync();
        var dialog = manager.Page.GetByRole(AriaRole.Dialog, new() { Name = managerLook.T($"Refuser l’inscription de {fullName}", $"Reject the registration of {fullName}") });
        await Expect(dialog).ToBeVisibleAsync();
        await manager.AxeAsync("the rejection dialog");

        // The reason is required, and said so beside the field.
        var submit = dialog.GetByRole(AriaRole.Button, new() { Name = managerLook.T("Refuser", "Reject"), Exact = true });
        await submit.ClickAsync();
        var reasonField = dialog.GetByRole(AriaRole.Textbox, new() { Name = managerLook.T("Raison du refus", "Reason for rejecting"), Exact = true });
        await Expect(reasonField).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(reasonField).ToHaveAccessibleDescriptionAsync(new Regex(Regex.Escape(managerLook.T("Entrez la raison du refus.", "Enter the reason for rejecting."))));
        await manager.AxeAsync("the rejection dialog with its error");

        await reasonField.FillAsync(reason);
        await submit.ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(manager.Announcer).ToHaveTextAsync(managerLook.T($"L’inscription de {fullName} est refusée.", $"The registration of {fullName} is rejected."));
        await Expect(Card(manager, fullName)).ToHaveCountAsync(0);
        manager.AssertHealthy();

        var refusal = await EmailAsync(residentLook, email, "Votre demande d'inscription n'a pas été approuvée", "Your registration request was not approved");
        Assert.Contains(reason, Outbox.Flowed(refusal), StringComparison.Ordinal);
        Assert.Contains(unit, refusal.TextBody, StringComparison.Ordinal);
        resident.AssertHealthy();
    }
}
