using System.Globalization;
using System.Text;

namespace LoftsDesArts.Core.Common;

/// <summary>
/// Case- and accent-folded keys, so "Éloïse" and "eloise" meet in type-ahead and search.
/// Stored beside the original in documents; queries compare folded to folded.
/// </summary>
public static class TextFolding
{
    public static string Fold(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var decomposed = value.Trim().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var lastWasSpace = false;
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                if (!lastWasSpace)
                {
                    builder.Append(' ');
                }

                lastWasSpace = true;
                continue;
            }

            lastWasSpace = false;
            builder.Append(c switch
            {
                'œ' or 'Œ' => "oe",
                'æ' or 'Æ' => "ae",
                'ß' => "ss",
                _ => char.ToLowerInvariant(c).ToString(),
            });
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}
