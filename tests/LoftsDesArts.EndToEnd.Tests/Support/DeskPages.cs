using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LoftsDesArts.EndToEnd.Tests.Support;

/// <summary>Steps on the front desk's package pages that several journeys take, as the desk takes them.</summary>
public static class DeskPages
{
    /// <summary>
    /// On the desk's list (the view shown, waiting or unknown recipient): filters it on one shelf, and
    /// returns the list's packages (the list items with a heading). A journey that logs its packages on its
    /// own shelf finds them whatever else waits, and however the list pages.
    /// </summary>
    public static async Task<ILocator> FilterDeskListAsync(this Person desk, string shelf)
    {
        ArgumentNullException.ThrowIfNull(desk);
        var filters = desk.Page.GetByRole(AriaRole.Form, new() { Name = desk.Look.T("Filtrer", "Filter"), Exact = true });
        await filters.GetByRole(AriaRole.Textbox, new() { Name = desk.Look.T("Tablette ou emplacement", "Shelf or location"), Exact = true }).FillAsync(shelf);
        await filters.GetByRole(AriaRole.Button, new() { Name = desk.Look.T("Filtrer", "Filter"), Exact = true }).ClickAsync();
        await Expect(desk.Page).ToHaveURLAsync(new Regex("[?&]location=" + Regex.Escape(Uri.EscapeDataString(shelf)) + "(&|$)"));
        return desk.Main.GetByRole(AriaRole.Listitem).Filter(new() { Has = desk.Page.GetByRole(AriaRole.Heading, new() { Level = 3 }) });
    }

    /// <summary>On the release page: the unit chosen in the list and shown; returns the unit's release form (its heading has the focus).</summary>
    public static async Task<ILocator> ShowUnitForReleaseAsync(this Person desk, string unit)
    {
        ArgumentNullException.ThrowIfNull(desk);
        await desk.Page.GetByRole(AriaRole.Combobox, new() { Name = desk.Look.T("Ou choisissez l’unité", "Or choose the unit"), Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = unit });
        await desk.Button("Afficher les colis de l’unité", "Show the unit’s packages").ClickAsync();
        var form = desk.Page.GetByRole(AriaRole.Form, new() { Name = desk.Look.T($"Unité {unit}", $"Unit {unit}"), Exact = true });
        await Expect(form.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToBeFocusedAsync();
        return form;
    }

    /// <summary>
    /// A date as the portal writes it (Intl, dateStyle long): « 20 décembre 2026 », "December 20, 2026".
    /// Not for the 1st of a month, which French may write « 1er ».
    /// </summary>
    public static string LongDate(this Look look, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(look);
        Assert.True(date.Day != 1, "LongDate does not write the 1st of a month.");
        return look.French
            ? date.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("fr-CA"))
            : date.ToString("MMMM d, yyyy", CultureInfo.GetCultureInfo("en-CA"));
    }
}
