namespace LoftsDesArts.Core.Email;

/// <summary>
/// The email palette and footer. Text colours are checked against their backgrounds for 4.5:1 by a
/// test; gold is decoration only (borders), since on white it reaches 1.8:1 (DESIGN §3.9).
/// </summary>
public static class EmailBrand
{
    /// <summary>Dark red: header band, headings, buttons, links.</summary>
    public const string Primary = "#7f1d1d";

    /// <summary>Gold: rules and borders only, never text.</summary>
    public const string Gold = "#E6BC63";

    public const string Text = "#1f2937";

    public const string MutedText = "#4b5563";

    /// <summary>Text on <see cref="Primary"/>.</summary>
    public const string OnPrimary = "#ffffff";

    public const string Card = "#ffffff";

    /// <summary>Behind the card, and behind codes and call-outs.</summary>
    public const string Page = "#f4f1ec";

    public const string Rule = "#e5dfd3";

    public const string FontStack = "'Segoe UI', Helvetica, Arial, sans-serif";

    public const string MonoStack = "Consolas, 'Courier New', monospace";

    public const string Name = "Lofts des Arts";

    public const string PostalAddress = "1625, rue Clark, Montréal (Québec) H2X 2R4";

    /// <summary>Text/background pairs the templates use, for the contrast test.</summary>
    public static IReadOnlyList<(string Foreground, string Background)> TextPairs { get; } =
    [
        (Text, Card),
        (MutedText, Card),
        (Primary, Card),
        (OnPrimary, Primary),
        (Text, Page),
        (MutedText, Page),
    ];
}
