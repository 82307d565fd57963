namespace LoftsDesArts.Core.Common;

/// <summary>The portal's two languages. French (Québec) is the default everywhere.</summary>
public enum Language
{
    Fr = 0,
    En = 1,
}

public static class Languages
{
    public const Language Default = Language.Fr;

    /// <summary>Parses "fr", "fr-CA", "en", "en-CA" (any case); anything else is <c>null</c>.</summary>
    public static Language? TryParse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var tag = value.Trim();
        if (tag.StartsWith("fr", StringComparison.OrdinalIgnoreCase))
        {
            return Language.Fr;
        }

        return tag.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? Language.En : null;
    }

    public static string Code(this Language language) => language == Language.En ? "en" : "fr";

    /// <summary>The culture used for dates and numbers: fr-CA or en-CA.</summary>
    public static System.Globalization.CultureInfo Culture(this Language language) =>
        System.Globalization.CultureInfo.GetCultureInfo(language == Language.En ? "en-CA" : "fr-CA");
}
