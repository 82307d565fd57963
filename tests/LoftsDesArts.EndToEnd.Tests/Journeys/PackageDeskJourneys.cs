using System.Globalization;
using System.Text.RegularExpressions;
using LoftsDesArts.Core.Access;
using LoftsDesArts.EndToEnd.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LoftsDesArts.EndToEnd.Tests.Journeys;

/// <summary>
/// The front desk's package pages of issue 3 in both languages and at both sizes (DESIGN §9), and the
/// vacation hold from the resident's preferences to the desk's release page, through the UI.
/// <para>
/// Looks. The desk's pages run twice, fr-phone-dark and en-desktop-light: every state is checked with
/// axe in French on a phone in the dark theme and in English on a desktop in the light theme, and every
/// state of both runs is also looked at at a phone's width (<see cref="PhoneLayout"/>: no sideways
/// scroll, nothing cut off or clipped, targets of 24 px; the desktop page is narrowed to 390 px for it).
/// A state that a later state of the same page shows in full (the empty log form before its errors, the
/// release form before its errors, the settings before their error) gets the phone-width check only, to
/// keep the run short: axe takes 2 to 10 s a page on this machine. The vacation hold: one resident
/// fr-phone-light sets it, a second resident of the unit en-phone-dark clears it, the front desk works
/// en-desktop-light.
/// </para>
/// <para>
/// Each journey takes its own unit and shelf, and finds its packages by filtering the desk's list on
/// that shelf (<see cref="DeskPages.FilterDeskListAsync"/>): it never relies on the whole waiting list
/// being on one page.
/// </para>
/// </summary>
public sealed partial class PortalJourneyTests
{
    [GeneratedRegex(@"LDA-[0-9]{8}-[0-9]{4}")]
    private static partial Regex DeskShortId();

    /// <summary>
    /// Every page of the desk, in each of its meaningful states, passes axe and fits a phone: logging
    /// (errors, then a package for a resident and one for an unknown recipient logged), the waiting list
    /// filtered on a shelf, a label, the unknown-recipient queue with its edit dialog, its exception dialog
    /// (errors) and its assign dialog, the release by unit (errors, then the undo dialog after the
    /// release), the package settings (an error) and the failed emails (one to send again, then sent). What
    /// the desk does along the way must work: the logging, the edit, the exception, the release and its
    /// undo, the email sent again.
    /// </summary>
    [Theory]
    [InlineData("fr-phone-dark")]
    [InlineData("en-desktop-light")]
    public async Task PackageDesk_EveryPageAndState_PassesAxeAndFitsAPhone(string lookName)
    {
        var look = Look.Parse(lookName);
        var resident = await Server.CreateResidentAsync(look.Language, People.Name(look.T("Léa Gagnon", "Riley Morgan")));
        var unit = resident.UnitNumber;
        var stranger = People.Name(look.T("Hélène Inconnue", "Pat Unknown"));
        var suffix = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var shelf = "E2E-" + suffix;
        await Server.FailedReminderAsync(resident);

        var (desk, _) = await SignInStaffAsync(look, Role.Manager, "manager at the desk");
        await using var _d = desk;

        // Log packages: the empty form, its errors, then a package for the resident and one for a stranger.
        await desk.GotoAsync(desk.Path("console/colis/enregistrer", "console/packages/log"));
        await desk.ExpectPageAsync("Enregistrer des colis", "Log packages");
        var recent = desk.Page.GetByRole(AriaRole.Region, new() { Name = look.T("Derniers colis enregistrés", "Last packages logged") }).GetByRole(AriaRole.Listitem);
        await Expect(recent).ToHaveCountAsync(0);
        await desk.ExpectFitsPhoneAsync("the log form, empty");

        var logButton = desk.Button("Enregistrer le colis", "Log the package");
        var recipient = desk.Page.GetByRole(AriaRole.Combobox, new() { Name = look.T("Destinataire", "Recipient"), Exact = true });
        var tracking = desk.Field("Numéro de suivi", "Tracking number");
        await logButton.ClickAsync();
        await ExpectFieldErrorAsync(desk, tracking, look.T("Entrez le numéro de suivi.", "Enter the tracking number."));
        await Expect(recipient).ToHaveAttributeAsync("aria-invalid", "true");
        await desk.CheckAsync("the log form with its errors");

        await recipient.PressSequentiallyAsync(resident.FullName);
        await desk.Page.GetByRole(AriaRole.Option, new() { Name = look.T($"{resident.FullName} (unité {unit})", $"{resident.FullName} (unit {unit})"), Exact = true }).ClickAsync();
        await Expect(recipient).ToHaveValueAsync(look.T($"{resident.FullName} (unité {unit})", $"{resident.FullName} (unit {unit})"));
        await tracking.FillAsync("1Z" + suffix + "E2E1");
        await desk.Field("Tablette ou emplacement", "Shelf or location").FillAsync(shelf);
        await logButton.ClickAsync();
        await Expect(recent).ToHaveCountAsync(1);
        await Expect(desk.Announcer).ToHaveTextAsync(new Regex(look.T($"^Colis LDA-\\S+ enregistré pour l’unité {unit}$", $"^Package LDA-\\S+ logged for unit {unit}$")));
        var forResident = DeskShortId().Match(await recent.First.InnerTextAsync()).Value;

        await recipient.PressSequentiallyAsync(stranger);
        await desk.Page.GetByRole(AriaRole.Option, new() { Name = look.T($"Destinataire inconnu (garder « {stranger} »)", $"Unknown recipient (keep “{stranger}”)"), Exact = true }).ClickAsync();
        await tracking.FillAsync("LM" + suffix + "CA");
        // The shelf stays from the previous package.
        await Expect(desk.Field("Tablette ou emplacement", "Shelf or location")).ToHaveValueAsync(shelf);
        await logButton.ClickAsync();
        await Expect(recent).ToHaveCountAsync(2);
        await Expect(recent.First).ToContainTextAsync(stranger);
        var forStranger = DeskShortId().Match(await recent.First.InnerTextAsync()).Value;
        Assert.NotEqual(forResident, forStranger);
        // The list's "Print label" links are 20 px high (links in a flex row, log-packages.tsx's recentItem):
        // reported, to be fixed there with the shared standaloneLink style; another change owns that file now.
        await desk.CheckAsync("the log page with two packages logged");

        // The list, filtered on this journey's shelf: the resident's package with its actions.
        await desk.Link("Colis en attente", "Waiting packages").ClickAsync();
        await desk.ExpectPageAsync("Colis à la réception", "Packages at the front desk");
        var items = await desk.FilterDeskListAsync(shelf);
        await Expect(items).ToHaveCountAsync(1);
        await Expect(items).ToContainTextAsync(forResident);
        await desk.CheckAsync("the desk list filtered on a shelf");

        // The package's label, and back to the list.
        await desk.Link($"Imprimer l’étiquette du colis {forResident}", $"Print label for package {forResident}").ClickAsync();
        await desk.ExpectPageAsync("Étiquette de colis", "Package label");
        var label = desk.Page.GetByTestId("package-label");
        await Expect(label.GetByRole(AriaRole.Img, new() { Name = look.T($"Code QR du colis {forResident}", $"QR code of package {forResident}"), Exact = true })).ToBeVisibleAsync();
        await Expect(label).ToContainTextAsync(unit);
        await Expect(label).ToContainTextAsync(look.T($"Tablette {shelf}", $"Shelf {shelf}"));
        await desk.CheckAsync("the label page");
        await desk.Link("Colis en attente", "Waiting packages").ClickAsync();
        await desk.ExpectPageAsync("Colis à la réception", "Packages at the front desk");

        // The unknown-recipient queue, on the same shelf: the stranger's package.
        await desk.Page.GetByRole(AriaRole.Navigation, new() { Name = look.T("Listes de colis", "Package lists") })
            .GetByRole(AriaRole.Link, new() { Name = look.T("Destinataire inconnu", "Unknown recipient"), Exact = true }).ClickAsync();
        await Expect(desk.Page.GetByRole(AriaRole.Heading, new() { Level = 2, NameRegex = new Regex(look.T(@"^Colis sans unité\s:", "^Packages without a unit:")) })).ToBeVisibleAsync();
        items = await desk.FilterDeskListAsync(shelf);
        await Expect(items).ToHaveCountAsync(1);
        await Expect(items).ToContainTextAsync(forStranger);
        await Expect(items).ToContainTextAsync(stranger);
        await desk.CheckAsync("the unknown-recipient queue");

        // Its edit dialog: the package becomes fragile. The stranger's package, not the resident's: the
        // arrival notice is recorded on a unit's package 10 to 20 s after logging (PackageMailHandler), which
        // changes its version, so an edit opened before then comes back stale (412) with nobody else at work.
        await desk.Button($"Modifier le colis {forStranger}", $"Edit package {forStranger}").ClickAsync();
        var edit = desk.Page.GetByRole(AriaRole.Dialog, new() { Name = look.T($"Modifier le colis {forStranger}", $"Edit package {forStranger}") });
        await Expect(edit).ToBeVisibleAsync();
        await desk.CheckAsync("the edit dialog open");
        await edit.GetByRole(AriaRole.Checkbox, new() { Name = "Fragile", Exact = true }).CheckAsync();
        await edit.GetByRole(AriaRole.Button, new() { Name = look.T("Enregistrer les modifications", "Save changes"), Exact = true }).ClickAsync();
        await Expect(edit).ToBeHiddenAsync();
        await Expect(desk.Announcer).ToHaveTextAsync(look.T($"Colis {forStranger} modifié.", $"Package {forStranger} edited."));
        await Expect(items).ToContainTextAsync("Fragile");

        // Its exception dialog: sent empty (errors), then the package reported damaged (it stays in the queue).
        await desk.Button($"Signaler un problème pour le colis {forStranger}", $"Report a problem with package {forStranger}").ClickAsync();
        var exception = desk.Page.GetByRole(AriaRole.Dialog, new() { Name = look.T($"Signaler un problème : colis {forStranger}", $"Report a problem: package {forStranger}") });
        await exception.GetByRole(AriaRole.Button, new() { Name = look.T("Signaler", "Report"), Exact = true }).ClickAsync();
        await Expect(exception.GetByTestId("error-summary").GetByRole(AriaRole.Link)).ToHaveCountAsync(2);
        await desk.CheckAsync("the exception dialog with its errors");
        await exception.GetByRole(AriaRole.Radio, new() { Name = look.T("Endommagé (reste en attente)", "Damaged (stays waiting)"), Exact = true }).CheckAsync();
        await exception.GetByRole(AriaRole.Textbox, new() { Name = look.T("Note de la réception", "Desk note"), Exact = true }).FillAsync(look.T("Boîte écrasée sur un coin.", "Box crushed at one corner."));
        await exception.GetByRole(AriaRole.Button, new() { Name = look.T("Signaler", "Report"), Exact = true }).ClickAsync();
        await Expect(exception).ToBeHiddenAsync();
        await Expect(items).ToHaveCountAsync(1);
        await Expect(items.GetByRole(AriaRole.Heading, new() { Level = 3 })).ToContainTextAsync(look.T("Endommagé", "Damaged"));

        // Its assign dialog, opened and left.
        await desk.Button($"Attribuer une unité au colis {forStranger}", $"Assign a unit to package {forStranger}").ClickAsync();
        var assign = desk.Page.GetByRole(AriaRole.Dialog, new() { Name = look.T($"Attribuer une unité au colis {forStranger}", $"Assign a unit to package {forStranger}") });
        await Expect(assign).ToContainTextAsync(stranger);
        await desk.CheckAsync("the assign dialog open");
        await assign.GetByRole(AriaRole.Button, new() { Name = look.T("Annuler", "Cancel"), Exact = true }).ClickAsync();
        await Expect(assign).ToBeHiddenAsync();

        // Release by unit: the unit's packages, the form's errors, the release, then the undo dialog.
        await desk.GotoAsync(desk.Path("console/colis/remise", "console/packages/release"));
        await desk.ExpectPageAsync("Remettre des colis", "Release packages");
        var form = await desk.ShowUnitForReleaseAsync(unit);
        var packages = form.GetByRole(AriaRole.Checkbox);
        await Expect(packages).ToHaveCountAsync(1);
        await Expect(packages).ToBeCheckedAsync();
        await Expect(form.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("^" + Regex.Escape(forResident) + " ") })).ToBeVisibleAsync();
        await desk.ExpectFitsPhoneAsync("the release form for the unit");
        var release = form.GetByRole(AriaRole.Button, new() { Name = look.T("Remettre les colis (1)", "Release packages (1)"), Exact = true });
        await release.ClickAsync();
        await Expect(form.GetByTestId("error-summary").GetByRole(AriaRole.Link)).ToHaveCountAsync(2);
        await desk.CheckAsync("the release form with its errors");
        await form.GetByRole(AriaRole.Radio, new() { Name = look.T($"{resident.FullName} (résident ou résidente)", $"{resident.FullName} (resident)"), Exact = true }).CheckAsync();
        await form.GetByRole(AriaRole.Radio, new() { Name = look.T("Pièce d’identité avec photo", "Photo ID"), Exact = true }).CheckAsync();
        await release.ClickAsync();
        var done = look.T($"1 colis remis à {resident.FullName}", $"1 package released to {resident.FullName}");
        await Expect(desk.Page.GetByRole(AriaRole.Group, new() { Name = done, Exact = true })).ToBeFocusedAsync();
        await desk.Button("Annuler la remise", "Undo").ClickAsync();
        var undo = desk.Page.GetByRole(AriaRole.Dialog, new() { Name = look.T("Annuler la remise", "Undo the release") });
        await Expect(undo).ToBeVisibleAsync();
        await desk.CheckAsync("the undo dialog open");
        await undo.GetByRole(AriaRole.Textbox, new() { Name = look.T("Raison", "Reason"), Exact = true }).FillAsync(look.T("Remis à la mauvaise personne.", "Handed to the wrong person."));
        await undo.GetByRole(AriaRole.Button, new() { Name = look.T("Annuler la remise", "Undo the release"), Exact = true }).ClickAsync();
        await Expect(undo).ToBeHiddenAsync();
        await Expect(desk.Announcer).ToHaveTextAsync(look.T("Remise annulée : 1 colis de nouveau en attente.", "Release undone: packages waiting again (1)."));
        form = await desk.ShowUnitForReleaseAsync(unit);
        await Expect(form.GetByRole(AriaRole.Checkbox)).ToHaveCountAsync(1);

        // The package settings, as read, then with an error (nothing is saved).
        await desk.GotoAsync(desk.Path("console/colis/parametres", "console/packages/settings"));
        await desk.ExpectPageAsync("Paramètres des colis", "Package settings");
        var deskHours = desk.Field("Heures de la réception (en français)", "Front desk hours (in French)");
        await Expect(deskHours).Not.ToHaveValueAsync(string.Empty);
        await desk.ExpectFitsPhoneAsync("the package settings");
        await deskHours.FillAsync(string.Empty);
        await desk.Button("Enregistrer les paramètres", "Save settings").ClickAsync();
        await ExpectFieldErrorAsync(desk, deskHours, look.T("Entrez ce texte en français.", "Enter this text in French."));
        await desk.CheckAsync("the package settings with an error");

        // The failed emails: the resident's reminder that was refused, sent again from the page.
        await desk.GotoAsync(desk.Path("console/courriels-en-echec", "console/failed-emails"));
        await desk.ExpectPageAsync("Courriels en échec", "Failed emails");
        var kind = look.T("Rappel ou dernier avis de colis", "Package reminder or final notice");
        var retry = desk.Button($"Renvoyer « {kind} » à {resident.FullName}", $"Send again “{kind}” to {resident.FullName}");
        await Expect(retry).ToBeVisibleAsync();
        await desk.CheckAsync("the failed emails with one to send again");
        await retry.ClickAsync();
        await Expect(desk.Page.GetByTestId("retry-result")).ToHaveTextAsync(look.T($"Courriel envoyé : {kind} à {resident.FullName}.", $"Email sent: {kind} to {resident.FullName}."));
        await Expect(retry).ToHaveCountAsync(0);
        await desk.CheckAsync("the failed emails after one was sent again");
        await EmailAsync(look, resident.Email, "Rappel\u00A0: un colis vous attend à la réception", "Reminder: a package is waiting for you at the front desk");
        desk.AssertHealthy();
    }

    /// <summary>
    /// The vacation hold through the UI: a resident sets a hold (dates), standing instructions and an
    /// authorized person in the package preferences; the desk, releasing for the unit, sees all three; a
    /// second resident of the unit, in the other language, sees the household's choices and clears the
    /// hold; the desk, looking the unit up again, no longer sees it (the instructions stay).
    /// </summary>
    [Theory]
    [InlineData("fr-phone-light", "en-phone-dark", "en-desktop-light")]
    public async Task PackageDesk_VacationHoldSetByResident_ShownAtReleaseUntilCleared(string firstLookName, string secondLookName, string deskLookName)
    {
        var firstLook = Look.Parse(firstLookName);
        var secondLook = Look.Parse(secondLookName);
        var deskLook = Look.Parse(deskLookName);
        var first = await Server.CreateResidentAsync(firstLook.Language, People.Name(firstLook.T("Mathis Bouchard", "Casey Wong")));
        var unit = first.UnitNumber;
        var second = await Server.CreateResidentAsync(secondLook.Language, People.Name(secondLook.T("Rosalie Côté", "Jesse Park")), unit);
        await Server.LogPackageAsync(unit, "V-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant());
        var authorized = People.Name("Gabrielle Roy");
        var instructions = firstLook.T("Sonnez à l’unité avant de monter un colis fragile.", "Ring the unit before bringing up a fragile package.");
        // Two dates ahead, never the 1st of a month (French writes « 1er »), as the desk shows them.
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var from = today.AddDays(today.AddDays(10).Day == 1 ? 11 : 10);
        var to = from.AddDays(from.AddDays(14).Day == 1 ? 15 : 14);

        // The first resident, on a phone in French: authorized person, instructions, vacation hold.
        await using var resident = await OpenAsync(firstLook, "resident");
        await resident.GotoAsync(resident.Path("connexion", "sign-in"));
        await SignInResidentAsync(resident, first.Email, first.Password, first.FullName);
        await resident.GotoAsync(resident.Path("colis/preferences", "packages/preferences"));
        await resident.ExpectPageAsync("Préférences de colis", "Package preferences");
        var people = resident.Page.GetByRole(AriaRole.Group, new() { Name = firstLook.T("Personnes autorisées à récupérer vos colis", "People authorized to pick up your packages"), Exact = true });
        await Expect(people).ToContainTextAsync(firstLook.T("Aucune personne autorisée.", "No authorized people."));
        await resident.ExpectFitsPhoneAsync("the package preferences, nothing set");
        await people.GetByRole(AriaRole.Textbox, new() { Name = firstLook.T("Nom de la personne", "Person’s name"), Exact = true }).FillAsync(authorized);
        await people.GetByRole(AriaRole.Button, new() { Name = firstLook.T("Ajouter la personne autorisée", "Add the authorized person"), Exact = true }).ClickAsync();
        await Expect(people.GetByRole(AriaRole.Listitem)).ToHaveTextAsync(new Regex("^" + Regex.Escape(authorized)));
        await resident.Field("Consignes pour la réception", "Instructions for the front desk").FillAsync(instructions);
        var away = resident.Page.GetByRole(AriaRole.Checkbox, new() { Name = firstLook.T("Je serai absent ou absente", "I will be away"), Exact = true });
        await away.CheckAsync();
        await resident.Field("Du", "From").FillAsync(from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await resident.Field("Au", "To").FillAsync(to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var save = resident.Button("Enregistrer les consignes", "Save the instructions");
        await save.ClickAsync();
        await Expect(resident.Main.GetByText(firstLook.T("Consignes enregistrées.", "Instructions saved."), new() { Exact = true })).ToBeVisibleAsync();
        await resident.CheckAsync("the package preferences with a hold, instructions and an authorized person");
        resident.AssertHealthy();

        // The front desk looks the unit up to release a package: the hold, the instructions, the authorized person.
        var (desk, _) = await SignInStaffAsync(deskLook, Role.FrontDesk, "desk");
        await using var _d = desk;
        await desk.GotoAsync(desk.Path("console/colis/remise", "console/packages/release"));
        await desk.ExpectPageAsync("Remettre des colis", "Release packages");
        var form = await desk.ShowUnitForReleaseAsync(unit);
        var hold = form.GetByText(new Regex(deskLook.T("^Avis d’absence du ", "^Vacation hold from ")));
        await Expect(hold).ToHaveTextAsync(deskLook.T($"Avis d’absence du {deskLook.LongDate(from)} au {deskLook.LongDate(to)}.", $"Vacation hold from {deskLook.LongDate(from)} to {deskLook.LongDate(to)}."));
        await Expect(form).ToContainTextAsync(deskLook.T("Consignes du ménage", "Household instructions"));
        await Expect(form).ToContainTextAsync(instructions);
        var authorizedTaker = form.GetByRole(AriaRole.Radio, new() { Name = deskLook.T($"{authorized} (personne autorisée)", $"{authorized} (authorized person)"), Exact = true });
        await Expect(authorizedTaker).ToBeVisibleAsync();
        await desk.CheckAsync("the release form with the household's hold, instructions and authorized person");

        // The second resident, in English: the household's choices are there; they clear the hold.
        await using var other = await OpenAsync(secondLook, "second resident");
        await other.GotoAsync(other.Path("connexion", "sign-in"));
        await SignInResidentAsync(other, second.Email, second.Password, second.FullName);
        await other.GotoAsync(other.Path("colis/preferences", "packages/preferences"));
        await other.ExpectPageAsync("Préférences de colis", "Package preferences");
        var otherAway = other.Page.GetByRole(AriaRole.Checkbox, new() { Name = secondLook.T("Je serai absent ou absente", "I will be away"), Exact = true });
        await Expect(otherAway).ToBeCheckedAsync();
        await Expect(other.Field("Du", "From")).ToHaveValueAsync(from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Expect(other.Field("Au", "To")).ToHaveValueAsync(to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Expect(other.Field("Consignes pour la réception", "Instructions for the front desk")).ToHaveValueAsync(instructions);
        await Expect(other.Page.GetByRole(AriaRole.Group, new() { Name = secondLook.T("Personnes autorisées à récupérer vos colis", "People authorized to pick up your packages"), Exact = true }).GetByRole(AriaRole.Listitem))
            .ToHaveTextAsync(new Regex("^" + Regex.Escape(authorized)));
        await other.CheckAsync("the package preferences as another member of the household sees them");
        await otherAway.UncheckAsync();
        await Expect(other.Field("Du", "From")).ToHaveCountAsync(0);
        await other.Button("Enregistrer les consignes", "Save the instructions").ClickAsync();
        await Expect(other.Main.GetByText(secondLook.T("Consignes enregistrées.", "Instructions saved."), new() { Exact = true })).ToBeVisibleAsync();
        await other.ExpectFitsPhoneAsync("the package preferences after clearing the hold");
        other.AssertHealthy();

        // The desk looks the unit up again: no hold any more; the instructions and the authorized person stay.
        form = await desk.ShowUnitForReleaseAsync(unit);
        await Expect(hold).ToHaveCountAsync(0);
        await Expect(form).ToContainTextAsync(instructions);
        await Expect(authorizedTaker).ToBeVisibleAsync();
        await desk.ExpectFitsPhoneAsync("the release form after the hold was cleared");
        desk.AssertHealthy();
    }
}
