using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using LoftsDesArts.Core.Access;
using LoftsDesArts.Core.Common;
using LoftsDesArts.EndToEnd.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LoftsDesArts.EndToEnd.Tests.Journeys;

/// <summary>
/// The front desk logs packages in a row without the pointer, in Chromium, the way the desk works: the
/// recipient typed (a unit, part of a name without its accents, a name as it begins, or a name nobody
/// has), chosen with Enter or with ↓ then Enter, then the tracking number typed by a USB scanner at
/// once, keys a few milliseconds apart, then Enter. Nothing waits between the choice and the scan.
/// Every package must be announced, and exist for its unit (or as an unknown recipient, when meant).
/// <para>
/// Two faults found by the keyboard benchmark are caught here (each failed this journey before its fix):
/// Enter after a unit typed before the roster arrived took « destinataire inconnu » (Fluent's highlight
/// left on the only option of the time; the roster is held until the unit is typed), and a scan right
/// after the choice lost its first keys to « Destinataire » (the focus moved in a timer, which Chromium
/// runs after pending keys; the CPU is throttled so that the page's work lags behind the keys, as on a
/// busy desk PC), so that the package was neither logged nor reported.
/// </para>
/// </summary>
public sealed partial class PortalJourneyTests
{
    [GeneratedRegex(@"/api/buildings/[^/]+/(units|residents)$")]
    private static partial Regex DeskRosterRequest();

    /// <summary>How the desk names and chooses the recipient of one package.</summary>
    private enum Pick
    {
        /// <summary>The typed text, then Enter: the best match.</summary>
        Enter,

        /// <summary>The typed text, then ↓ (to the first suggestion) and Enter.</summary>
        ArrowThenEnter,

        /// <summary>The typed text, then ↓ until the resident's option is highlighted, then Enter.</summary>
        ArrowsToResident,

        /// <summary>A name typed as it begins: the list highlights that person; Enter takes the highlight.</summary>
        HighlightedName,
    }

    /// <summary>One package of the run: what is typed, how it is chosen, and for whom it must be logged (null: unknown recipient).</summary>
    private sealed record KeyboardPackage(string Typed, Pick Pick, string? Unit, bool ForResident, string Tracking);

    [Theory]
    [InlineData("fr-desktop-light")]
    public async Task PackageKeyboard_ElevenInARowMixingEnterArrowsNamesAndScanner_EachAnnouncedAndLoggedForItsRecipient(string lookName)
    {
        var look = Look.Parse(lookName);
        // Units no other journey uses: two empty ones, and one with a resident whose name has accents.
        var resident = await Server.CreateResidentAsync(Language.Fr, People.Name("Éloïse Bérubé"));
        var first = Server.FreshUnit();
        var second = Server.FreshUnit();
        var third = resident.UnitNumber;
        var unaccented = resident.FullName.Replace("Éloïse", "eloise", StringComparison.Ordinal).Replace("Bérubé", "berube", StringComparison.Ordinal);
        var nobody = "Zéphirin Quenneville-Xu " + Random.Shared.Next(1000, 10000).ToString(CultureInfo.InvariantCulture);
        var plan = new List<KeyboardPackage>
        {
            new(first, Pick.Enter, first, false, Scanned()),
            new(second, Pick.ArrowThenEnter, second, false, Scanned()),
            new(third, Pick.Enter, third, false, Scanned()),
            new(unaccented.Split(' ')[1], Pick.ArrowsToResident, third, true, Scanned()),
            new(first, Pick.ArrowThenEnter, first, false, Scanned()),
            new(resident.FullName, Pick.HighlightedName, third, true, Scanned()),
            new(nobody, Pick.Enter, null, false, Scanned()),
            new(second, Pick.Enter, second, false, Scanned()),
            new(third, Pick.ArrowThenEnter, third, false, Scanned()),
            new(unaccented, Pick.ArrowsToResident, third, true, Scanned()),
            new(first, Pick.Enter, first, false, Scanned()),
        };

        var (desk, _) = await SignInStaffAsync(look, Role.FrontDesk, "desk");
        await using var _d = desk;

        // The page freshly opened, the units and residents held on their way until the first unit is typed.
        var roster = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await desk.Page.RouteAsync(DeskRosterRequest(), async route =>
        {
            await roster.Task;
            await route.ContinueAsync();
        });
        await desk.GotoAsync(desk.Path("console/colis/enregistrer", "console/packages/log"));
        await desk.ExpectPageAsync("Enregistrer des colis", "Log packages");
        var recipient = desk.Page.GetByRole(AriaRole.Combobox, new() { Name = look.T("Destinataire", "Recipient"), Exact = true });
        var tracking = desk.Field("Numéro de suivi", "Tracking number");
        await desk.TabToAsync(recipient);

        var logged = new List<(KeyboardPackage Package, string ShortId)>();
        for (var i = 0; i < plan.Count; i++)
        {
            var package = plan[i];
            await Expect(recipient).ToBeFocusedAsync();
            await Expect(recipient).ToHaveValueAsync(string.Empty);
            await desk.TypeAsync(package.Typed);
            if (i == 0)
            {
                await Expect(desk.Page.GetByRole(AriaRole.Option, new() { Name = look.T("Chargement des unités et des résidents…", "Loading units and residents…"), Exact = true })).ToBeVisibleAsync();
                roster.SetResult();
            }

            await ChooseAsync(desk, recipient, package);
            // The scanner, at once: no wait for the focus to reach the tracking number.
            await desk.Page.Keyboard.TypeAsync(package.Tracking, new() { Delay = 5 });
            await desk.PressAsync("Enter");

            // This package's sentence, with a short id no earlier package had (the previous sentence may say the same unit).
            var fresh = string.Concat(logged.Select(l => $"(?!{Regex.Escape(l.ShortId)}\\b)"));
            var announced = package.Unit is { } unit
                ? look.T($"^Colis {fresh}(LDA-\\S+) enregistré pour l’unité {unit}$", $"^Package {fresh}(LDA-\\S+) logged for unit {unit}$")
                : look.T($"^Colis {fresh}(LDA-\\S+) enregistré, destinataire inconnu\\s:\\s{Regex.Escape(package.Typed)}$", $"^Package {fresh}(LDA-\\S+) logged, unknown recipient: {Regex.Escape(package.Typed)}$");
            try
            {
                await Expect(desk.Announcer).ToHaveTextAsync(new Regex(announced));
            }
            catch (PlaywrightException)
            {
                Log($"package {i} ({package.Pick} on « {package.Typed} », {package.Tracking}) not announced; the announcer says « {await desk.Announcer.TextContentAsync()} », " +
                    $"recipient « {await recipient.InputValueAsync()} », tracking number « {await tracking.InputValueAsync()} »");
                throw;
            }

            var shortId = Regex.Match((await desk.Announcer.TextContentAsync())!.Trim(), announced).Groups[1].Value;
            Assert.False(shortId.Length == 0, $"package {i}: the announcement changed after it was read.");
            logged.Add((package, shortId));
            if (i == 0)
            {
                await desk.Page.UnrouteAsync(DeskRosterRequest());
                await desk.AxeAsync("the log page after the first package, announced");
                // From here the desk's computer is slow (Chromium's CPU throttling, 4×, DevTools' "low-end"): the page's
                // own work then lags behind the keys, as it does on a busy front-desk PC, and a scanner's keys arrive
                // while the choice of the recipient is still being handled.
                var devTools = await desk.Page.Context.NewCDPSessionAsync(desk.Page);
                await devTools.SendAsync("Emulation.setCPUThrottlingRate", new Dictionary<string, object> { ["rate"] = 4 });
            }
        }

        await Expect(recipient).ToBeFocusedAsync();
        Assert.Equal(plan.Count, logged.Select(l => l.ShortId).Distinct(StringComparer.Ordinal).Count());

        // Each package exists once, as announced, for the recipient chosen: asked of the API with the desk's session.
        foreach (var (package, shortId) in logged)
        {
            var response = await desk.Page.APIRequest.GetAsync($"/api/buildings/{Server.BuildingId}/packages/{shortId}");
            Assert.True(response.Ok, $"GET package {shortId}: {response.Status}");
            using var json = JsonDocument.Parse(await response.TextAsync());
            var body = json.RootElement;
            var what = $"{shortId} ({package.Pick} on « {package.Typed} »)";
            Assert.True(package.Tracking == Text(body, "trackingNumber"), $"{what}: tracking number {Text(body, "trackingNumber")}, scanned {package.Tracking}.");
            if (package.Unit is { } unit)
            {
                Assert.True(Text(body, "state") == "waiting" && Text(body, "unitNumber") == unit, $"{what}: {Text(body, "state")} for unit {Text(body, "unitNumber")}, chosen {unit}.");
                Assert.True(package.ForResident == (Text(body, "recipientUserId") is not null), $"{what}: recipientUserId {Text(body, "recipientUserId") ?? "none"}, the {(package.ForResident ? "resident" : "unit")} was chosen.");
            }
            else
            {
                Assert.True(Text(body, "state") == "unknown-recipient" && Text(body, "unitNumber") is null && Text(body, "recipientName") == package.Typed,
                    $"{what}: {Text(body, "state")}, unit {Text(body, "unitNumber") ?? "none"}, name {Text(body, "recipientName")}; an unknown recipient was meant.");
            }
        }

        Log($"{logged.Count} packages logged by keyboard: {string.Join(", ", logged.Select(l => $"{l.ShortId} ({l.Package.Pick})"))}");
        desk.AssertHealthy();

        static string Scanned() => "TBA" + Random.Shared.NextInt64(100_000_000_000, 1_000_000_000_000).ToString(CultureInfo.InvariantCulture);

        static string? Text(JsonElement body, string name) => body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    /// <summary>Chooses the package's recipient in the type-ahead, with the keys its <see cref="Pick"/> names.</summary>
    private static async Task ChooseAsync(Person desk, ILocator recipient, KeyboardPackage package)
    {
        var look = desk.Look;
        switch (package.Pick)
        {
            case Pick.Enter or Pick.ArrowThenEnter when package.Unit is { } unit:
                // As the agent sees it: the unit listed (with its residents' names, if any) before the keys.
                await Expect(desk.Page.GetByRole(AriaRole.Option, new() { NameRegex = new Regex(look.T($"^Unité {unit}( —|$)", $"^Unit {unit}( —|$)")) })).ToBeVisibleAsync();
                if (package.Pick == Pick.ArrowThenEnter)
                {
                    await desk.PressAsync("ArrowDown");
                }

                break;
            case Pick.Enter:
                // Nobody by that name: the list offers only to keep it as an unknown recipient.
                var keep = desk.Page.GetByRole(AriaRole.Option, new() { NameRegex = new Regex(look.T("^Destinataire inconnu \\(garder «\\s*", "^Unknown recipient \\(keep “") + Regex.Escape(package.Typed)) });
                await Expect(keep).ToBeVisibleAsync();
                await Expect(desk.Page.GetByRole(AriaRole.Listbox, new() { NameRegex = new Regex(look.T("^Destinataire", "^Recipient")) }).GetByRole(AriaRole.Option)).ToHaveCountAsync(1);
                break;
            case Pick.ArrowsToResident:
            case Pick.HighlightedName:
                var option = desk.Page.GetByRole(AriaRole.Option, new() { NameRegex = new Regex(look.T("^.+ \\(unité ", "^.+ \\(unit ") + Regex.Escape($"{package.Unit})") + "$") });
                await Expect(option).ToBeVisibleAsync();
                var id = (await option.GetAttributeAsync("id"))!;
                if (package.Pick == Pick.ArrowsToResident)
                {
                    for (var presses = 0; presses < 5 && await recipient.GetAttributeAsync("aria-activedescendant") != id; presses++)
                    {
                        await desk.PressAsync("ArrowDown");
                    }
                }

                await Expect(recipient).ToHaveAttributeAsync("aria-activedescendant", id);
                break;
        }

        await desk.PressAsync("Enter");
    }
}
