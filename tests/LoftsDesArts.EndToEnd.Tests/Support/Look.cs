using LoftsDesArts.Core.Common;
using Microsoft.Playwright;

namespace LoftsDesArts.EndToEnd.Tests.Support;

public enum Viewport
{
    /// <summary>390 × 844, a current phone held upright.</summary>
    Phone,

    /// <summary>1280 × 800, a laptop.</summary>
    Desktop,
}

/// <summary>
/// How a person sees the portal: the language of the pages they open, their screen, and the colour
/// scheme their device asks for (the app follows it until they choose). Written "fr-phone-light".
/// </summary>
public sealed record Look(Language Language, Viewport Viewport, ColorScheme Theme)
{
    public bool French => Language == Language.Fr;

    public bool Dark => Theme == ColorScheme.Dark;

    /// <summary>"fr" or "en": the first segment of every page's path.</summary>
    public string Lang => French ? "fr" : "en";

    /// <summary>The BCP 47 tag the page puts on &lt;html lang&gt; and the email's Content-Language.</summary>
    public string Tag => French ? "fr-CA" : "en-CA";

    public ViewportSize Size => Viewport == Viewport.Phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 800 };

    public static Look Parse(string text)
    {
        var parts = text.Split('-');
        if (parts.Length != 3)
        {
            throw new FormatException($"A look is language-viewport-theme, for example fr-phone-light: {text}");
        }

        return new Look(
            parts[0] switch { "fr" => Language.Fr, "en" => Language.En, _ => throw new FormatException(text) },
            parts[1] switch { "phone" => Viewport.Phone, "desktop" => Viewport.Desktop, _ => throw new FormatException(text) },
            parts[2] switch { "light" => ColorScheme.Light, "dark" => ColorScheme.Dark, _ => throw new FormatException(text) });
    }

    /// <summary>The French or the English text, by the look's language.</summary>
    public string T(string fr, string en) => French ? fr : en;

    /// <summary>The same person on another screen (staff work on a desktop).</summary>
    public Look On(Viewport viewport) => this with { Viewport = viewport };

    public override string ToString() => $"{Lang}-{Viewport.ToString().ToLowerInvariant()}-{(Dark ? "dark" : "light")}";
}
