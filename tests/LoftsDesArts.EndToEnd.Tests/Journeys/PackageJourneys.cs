using System.Text.RegularExpressions;
using LoftsDesArts.Core.Access;
using LoftsDesArts.EndToEnd.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LoftsDesArts.EndToEnd.Tests.Journeys;

/// <summary>
/// The package journey of issue 3, through the UI, against the real self-host: the desk logs packages
/// by keyboard while a resident of the unit watches them arrive live, the grouped arrival email, the
/// pickup code, the release of some of them, the history with its chain of custody and the release email.
/// <para>
/// Looks (axe after each meaningful state): the resident's phone en-phone-light (empty list, list with
/// the packages and the announcement, pickup code), the desk fr-desktop-dark (release page with the
/// unit's packages, release done with undo), the resident's laptop en-desktop-dark (history, package
/// page with its timeline). Both languages, both screens and both themes appear; the desk works in
/// French while the resident's pages and emails are in English.
/// </para>
/// </summary>
public sealed partial class PortalJourneyTests
{
    /// <summary>The demo building's unit of issue 3's story; it has a demo resident, and no other journey uses it.</summary>
    private const string PackageUnit = "504";

    [GeneratedRegex(@"^GET .*/api/buildings/[^/]+/units/[^/]+/packages\?view=waiting$")]
    private static partial Regex WaitingPackagesRequest();

    [GeneratedRegex(@"^GET .*/api/buildings/[^/]+/residents$")]
    private static partial Regex BuildingResidentsRequest();

    [GeneratedRegex(@"^[0-9A-Z]{4}-[0-9A-Z]{4}$")]
    private static partial Regex TypedPickupCode();

    private static bool IsWaitingPackagesList(PageEvent e) => e.Kind == "request" && WaitingPackagesRequest().IsMatch(e.Detail);

    /// <summary>
    /// Issue 3, end to end: three packages logged by keyboard at the desk appear on the resident's open
    /// page by a push (no request for the list in between), announced politely; one arrival email lists
    /// the three, in the resident's language; the desk releases two of them on the resident's pickup
    /// code; the resident sees them in the history with their chain of custody and gets the release email.
    /// </summary>
    [Theory]
    [InlineData("en-phone-light", "fr-desktop-dark", "en-desktop-dark")]
    public async Task Packages_LoggedByKeyboardAtDesk_AppearLiveAndAreReleasedOnPickupCode(string residentLookName, string deskLookName, string laptopLookName)
    {
        var residentLook = Look.Parse(residentLookName);
        var deskLook = Look.Parse(deskLookName);
        var laptopLook = Look.Parse(laptopLookName);
        var account = await Server.CreateResidentAsync(residentLook.Language, People.Name(residentLook.T("Camille Tremblay", "Jordan Reid")), PackageUnit);
        var suffix = Random.Shared.NextInt64(100_000_000, 1_000_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var ups = "1Z" + suffix + "AB12345";
        var amazon = "TBA" + suffix + "123";
        var canadaPost = "LM" + suffix + "CA";

        // B: the resident, signed in on a phone, with the packages page open and nothing waiting.
        await using var resident = await OpenAsync(residentLook, "resident");
        await resident.GotoAsync(resident.Path("connexion", "sign-in"));
        await SignInResidentAsync(resident, account.Email, account.Password, account.FullName);
        var beforePackages = resident.LastSequence;
        await resident.GotoAsync(resident.Path("colis", "packages"));
        await resident.ExpectPageAsync("Mes colis", "My packages");
        await resident.WaitForEventAsync(beforePackages, e => e.Kind == "frame" && e.Detail == "{}\u001e", "the hub's handshake");
        await resident.WaitForEventAsync(beforePackages, e => e.Kind == "finished" && WaitingPackagesRequest().IsMatch(e.Detail), "the list of waiting packages");
        var waitingTab = resident.Page.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex(residentLook.T("^En attente", "^Waiting")) });
        await Expect(waitingTab).ToHaveTextAsync(residentLook.T("En attente (0)", "Waiting (0)"));
        await Expect(resident.Page.GetByText(residentLook.T("Aucun colis ne vous attend à la réception.", "No packages are waiting for you at the front desk."), new() { Exact = false })).ToBeVisibleAsync();
        await resident.AxeAsync("the packages page with nothing waiting");
        var quietFrom = resident.LastSequence;

        // A: the front desk, signed in (password, then the authenticator's code), on the log page.
        var (desk, _) = await SignInStaffAsync(deskLook, Role.FrontDesk, "desk");
        await using var _d = desk;
        var beforeLog = desk.LastSequence;
        await desk.GotoAsync(desk.Path("console/colis/enregistrer", "console/packages/log"));
        await desk.ExpectPageAsync("Enregistrer des colis", "Log packages");
        await desk.WaitForEventAsync(beforeLog, e => e.Kind == "finished" && BuildingResidentsRequest().IsMatch(e.Detail), "the building's residents for the type-ahead");

        var recipient = desk.Page.GetByRole(AriaRole.Combobox, new() { Name = deskLook.T("Destinataire", "Recipient"), Exact = true });
        var tracking = desk.Field("Numéro de suivi", "Tracking number");
        var carrier = desk.Page.GetByRole(AriaRole.Combobox, new() { Name = deskLook.T("Transporteur", "Carrier"), Exact = true });
        var recent = desk.Page.GetByRole(AriaRole.Region, new() { Name = deskLook.T("Derniers colis enregistrés", "Last packages logged") });

        // 1. The unit typed, Enter takes the exact unit; the scanner types the number and presses Enter.
        await desk.TabToAsync(recipient);
        await desk.TypeAsync(PackageUnit);
        await desk.PressAsync("Enter");
        await Expect(recipient).ToHaveValueAsync(deskLook.T($"Unité {PackageUnit}", $"Unit {PackageUnit}"));
        await Expect(tracking).ToBeFocusedAsync();
        await desk.TypeAsync(ups);
        await Expect(carrier).ToHaveValueAsync("ups");
        await desk.PressAsync("Enter");
        await Expect(recent.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(1);
        await Expect(desk.Announcer).ToHaveTextAsync(new Regex(deskLook.T($"^Colis LDA-\\S+ enregistré pour l’unité {PackageUnit}$", $"^Package LDA-\\S+ logged for unit {PackageUnit}$")));

        // 2. The form starts over on the recipient. Size (arrow keys) and a flag (Space) before the scan.
        await Expect(recipient).ToBeFocusedAsync();
        await desk.TypeAsync(PackageUnit);
        await desk.PressAsync("Enter");
        await Expect(tracking).ToBeFocusedAsync();
        var small = desk.Page.GetByRole(AriaRole.Radio, new() { Name = deskLook.T("Petit", "Small"), Exact = true });
        var large = desk.Page.GetByRole(AriaRole.Radio, new() { Name = deskLook.T("Grand", "Large"), Exact = true });
        await desk.TabToAsync(small);
        await desk.PressAsync("ArrowRight");
        await Expect(large).ToBeCheckedAsync();
        var fragile = desk.Page.GetByRole(AriaRole.Checkbox, new() { Name = deskLook.T("Fragile", "Fragile"), Exact = true });
        await desk.TabToAsync(fragile);
        await desk.PressAsync("Space");
        await Expect(fragile).ToBeCheckedAsync();
        await desk.TabToAsync(tracking, backwards: true);
        await desk.TypeAsync(amazon);
        await desk.PressAsync("Enter");
        await Expect(recent.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(2);

        // 3. The resident's name typed and chosen; the number typed, the size chosen with the arrow
        //    keys, then the submit button by Tab and Enter.
        await Expect(recipient).ToBeFocusedAsync();
        await Expect(fragile).Not.ToBeCheckedAsync();
        await desk.TypeAsync(account.FullName);
        var residentOption = desk.Page.GetByRole(AriaRole.Option, new() { Name = deskLook.T($"{account.FullName} (unité {PackageUnit})", $"{account.FullName} (unit {PackageUnit})"), Exact = true });
        await Expect(residentOption).ToBeVisibleAsync();
        // The list highlights the option that begins with what was typed; Enter takes it.
        await Expect(recipient).ToHaveAttributeAsync("aria-activedescendant", (await residentOption.GetAttributeAsync("id"))!);
        await desk.PressAsync("Enter");
        await Expect(recipient).ToHaveValueAsync(deskLook.T($"{account.FullName} (unité {PackageUnit})", $"{account.FullName} (unit {PackageUnit})"));
        await Expect(tracking).ToBeFocusedAsync();
        await desk.TypeAsync(canadaPost);
        await Expect(carrier).ToHaveValueAsync("canada-post");
        await desk.TabToAsync(small);
        await desk.PressAsync("ArrowLeft");
        await Expect(desk.Page.GetByRole(AriaRole.Radio, new() { Name = deskLook.T("Enveloppe", "Envelope"), Exact = true })).ToBeCheckedAsync();
        await desk.TabToAsync(desk.Button("Enregistrer le colis", "Log the package"));
        await desk.PressAsync("Enter");
        await Expect(recent.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(3);
        desk.AssertHealthy();

        // B: the three packages appear, pushed: the page asked for nothing between its load and the push.
        var list = resident.Page.GetByRole(AriaRole.Tabpanel).GetByRole(AriaRole.Listitem).Filter(new() { Has = resident.Page.GetByRole(AriaRole.Heading, new() { Level = 3 }) });
        await Expect(waitingTab).ToHaveTextAsync(residentLook.T("En attente (3)", "Waiting (3)"));
        await Expect(list).ToHaveCountAsync(3);
        await Expect(list.Filter(new() { HasText = residentLook.T("UPS – Petit colis", "UPS – Small package") })).ToHaveCountAsync(1);
        await Expect(list.Filter(new() { HasText = residentLook.T("Amazon – Gros colis", "Amazon – Large package") })).ToContainTextAsync(residentLook.T("Fragile", "Fragile"));
        await Expect(list.Filter(new() { HasText = residentLook.T("Postes Canada – Enveloppe", "Canada Post – Envelope") })).ToHaveCountAsync(1);
        await Expect(resident.Announcer).ToHaveAttributeAsync("aria-live", "polite");
        // French puts a no-break space before the colon; \s matches it.
        await Expect(resident.Announcer).ToHaveTextAsync(new Regex(residentLook.T(@"^Nouveau colis\s:\s.+, arrivé à ", "^New package: .+, arrived at ")));
        var events = resident.Events.Where(e => e.Sequence > quietFrom).ToList();
        var push = events.FirstOrDefault(e => IsPush(e, "package.changed"));
        Assert.True(push is not null, "The resident's page received a package.changed push over its WebSocket.");
        var beforePush = events.Where(e => e.Sequence < push.Sequence && e.Kind == "request").ToList();
        Assert.DoesNotContain(beforePush, IsWaitingPackagesList);
        var afterPush = events.Where(e => e.Sequence > push.Sequence && IsWaitingPackagesList(e)).ToList();
        Assert.NotEmpty(afterPush);
        Log($"resident quiet from {events.FirstOrDefault()?.At}: {beforePush.Count} request(s) before the first push, none for the list; " +
            $"push at {push.At}; list fetched at {afterPush[0].At} ({(afterPush[0].At - push.At).TotalMilliseconds:0} ms later); {afterPush.Count} fetch(es) in all.");
        await resident.AxeAsync("the packages page with three packages and the announcement");

        // One arrival email for the three (grouped), in the resident's language.
        var arrival = await EmailAsync(residentLook, account.Email, "3 colis vous attendent à la réception", "3 packages are waiting for you at the front desk");
        var arrivalText = Outbox.Flowed(arrival);
        foreach (var item in new[] { residentLook.T("UPS — Petit colis", "UPS — Small package"), residentLook.T("Amazon — Gros colis (Fragile)", "Amazon — Large package (Fragile)"), residentLook.T("Postes Canada — Enveloppe", "Canada Post — Envelope") })
        {
            Assert.Contains(item, arrivalText, StringComparison.Ordinal);
        }

        Assert.Single(Outbox.To(account.Email), m => m.Subject is { } s && s.Contains(residentLook.T("vous attend", "waiting for you"), StringComparison.Ordinal));
        Outbox.Link(arrival, residentLook.T("/fr/colis", "/en/packages"));

        // The resident opens the pickup code and reads the typed code.
        await resident.Link("Mon code de récupération", "My pickup code").ClickAsync();
        await resident.ExpectPageAsync("Code de récupération", "Pickup code");
        var typedCode = resident.Main.GetByText(TypedPickupCode());
        await Expect(typedCode).ToBeVisibleAsync();
        await Expect(resident.Page.GetByRole(AriaRole.Img, new() { Name = residentLook.T("Code QR de récupération, à présenter au lecteur de la réception", "Pickup QR code, to show to the front-desk scanner") })).ToBeVisibleAsync();
        var code = (await typedCode.TextContentAsync())!.Trim();
        await resident.AxeAsync("the pickup code");
        await resident.Link("Retour à mes colis", "Back to my packages").ClickAsync();
        await resident.ExpectPageAsync("Mes colis", "My packages");
        await Expect(waitingTab).ToHaveTextAsync(residentLook.T("En attente (3)", "Waiting (3)"));

        // A: the desk types the code, sees the unit's three packages, releases two to the resident on the code.
        await desk.GotoAsync(desk.Path("console/colis/remise", "console/packages/release"));
        await desk.ExpectPageAsync("Remettre des colis", "Release packages");
        await desk.TabToAsync(desk.Field("Code de récupération", "Pickup code"));
        await desk.TypeAsync(code);
        await desk.PressAsync("Enter");
        var form = desk.Page.GetByRole(AriaRole.Form, new() { NameRegex = new Regex(deskLook.T($"^Unité {PackageUnit}", $"^Unit {PackageUnit}")) });
        await Expect(form.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToBeFocusedAsync();
        var packages = form.GetByRole(AriaRole.Group, new() { Name = deskLook.T("Colis à remettre (en attente : 3)", "Packages to release (waiting: 3)") }).GetByRole(AriaRole.Checkbox);
        await Expect(packages).ToHaveCountAsync(3);
        for (var i = 0; i < 3; i++)
        {
            await Expect(packages.Nth(i)).ToBeCheckedAsync();
        }

        await desk.AxeAsync("the release page with the unit's packages");
        await form.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex(deskLook.T("Postes Canada", "Canada Post")) }).UncheckAsync();
        await form.GetByRole(AriaRole.Radio, new() { Name = deskLook.T($"{account.FullName} (résident ou résidente)", $"{account.FullName} (resident)"), Exact = true }).CheckAsync();
        await form.GetByRole(AriaRole.Radio, new() { Name = deskLook.T("Code de récupération", "Pickup code"), Exact = true }).CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = deskLook.T("Remettre les colis (2)", "Release packages (2)"), Exact = true }).ClickAsync();
        var done = deskLook.T($"2 colis remis à {account.FullName}", $"2 packages released to {account.FullName}");
        var releasedGroup = desk.Page.GetByRole(AriaRole.Group, new() { Name = done, Exact = true });
        await Expect(releasedGroup).ToBeFocusedAsync();
        await Expect(releasedGroup.GetByRole(AriaRole.Button, new() { Name = deskLook.T("Annuler la remise", "Undo"), Exact = true })).ToBeVisibleAsync();
        await Expect(desk.Announcer).ToHaveTextAsync(done);
        await desk.AxeAsync("the release done, with undo");
        desk.AssertHealthy();

        // B: the resident's open list follows: one package left.
        await Expect(waitingTab).ToHaveTextAsync(residentLook.T("En attente (1)", "Waiting (1)"));
        await Expect(list).ToHaveCountAsync(1);
        await Expect(list).ToContainTextAsync(residentLook.T("Postes Canada – Enveloppe", "Canada Post – Envelope"));
        resident.AssertHealthy();

        // The release email, in the resident's language.
        var releasedMail = await EmailAsync(residentLook, account.Email, "Vos colis ont été récupérés", "Your packages were picked up");
        var releasedText = Outbox.Flowed(releasedMail);
        Assert.Contains(account.FullName, releasedText, StringComparison.Ordinal);
        Assert.Contains(residentLook.T("UPS — Petit colis", "UPS — Small package"), releasedText, StringComparison.Ordinal);
        Assert.DoesNotContain(residentLook.T("Postes Canada", "Canada Post"), releasedText, StringComparison.Ordinal);

        // The resident, later on a laptop: the history shows the two packages, and a package its chain of custody.
        await using var laptop = await OpenAsync(laptopLook, "resident on a laptop");
        await laptop.GotoAsync(laptop.Path("connexion", "sign-in"));
        await SignInResidentAsync(laptop, account.Email, account.Password, account.FullName);
        await laptop.GotoAsync(laptop.Path("colis", "packages"));
        await laptop.ExpectPageAsync("Mes colis", "My packages");
        await Expect(laptop.Page.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex(laptopLook.T("^En attente", "^Waiting")) })).ToHaveTextAsync(laptopLook.T("En attente (1)", "Waiting (1)"));
        await laptop.Page.GetByRole(AriaRole.Tab, new() { Name = laptopLook.T("Historique", "History"), Exact = true }).ClickAsync();
        var history = laptop.Page.GetByRole(AriaRole.Tabpanel).GetByRole(AriaRole.Listitem).Filter(new() { Has = laptop.Page.GetByRole(AriaRole.Heading, new() { Level = 3 }) });
        await Expect(history).ToHaveCountAsync(2);
        for (var i = 0; i < 2; i++)
        {
            await Expect(history.Nth(i)).ToContainTextAsync(laptopLook.T($"Récupéré par {account.FullName} le ", $"Picked up by {account.FullName} on "));
        }

        await laptop.AxeAsync("the history");
        await laptop.Page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex(laptopLook.T("^Détails du colis UPS ", "^Details of the UPS package ")) }).ClickAsync();
        await Expect(laptop.Page.GetByRole(AriaRole.Heading, new() { Level = 1, NameRegex = new Regex(laptopLook.T("^Colis UPS LDA-", "^UPS package LDA-")) })).ToBeVisibleAsync();
        var timeline = laptop.Page.GetByRole(AriaRole.Region, new() { Name = laptopLook.T("Chaîne de possession", "Chain of custody") }).GetByRole(AriaRole.Listitem);
        await Expect(timeline.First).ToContainTextAsync(laptopLook.T("Reçu et enregistré à la réception", "Received and logged at the front desk"));
        await Expect(timeline.Filter(new() { HasText = laptopLook.T($"Avis d’arrivée par courriel à {account.FullName} (envoyé)", $"Arrival notice by email to {account.FullName} (sent)") })).ToHaveCountAsync(1);
        await Expect(timeline.Filter(new() { HasText = laptopLook.T($"Remis à {account.FullName}", $"Released to {account.FullName}") })).ToHaveCountAsync(1);
        await Expect(timeline.Last).ToContainTextAsync(laptopLook.T($"Avis de remise par courriel à {account.FullName} (envoyé)", $"Release notice by email to {account.FullName} (sent)"));
        await laptop.AxeAsync("the package's chain of custody");
        laptop.AssertHealthy();
    }
}
