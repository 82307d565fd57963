using System.Globalization;
using System.Text;

namespace LoftsDesArts.EndToEnd.Tests.Support;

/// <summary>Made-up people: names a journey can find on a page, addresses no two journeys share, strong passwords.</summary>
public static class People
{
    private static readonly string[] Words = ["violon", "tulipe", "érable", "fjord", "lanterne", "horloge", "cerf-volant", "caramel", "boussole", "nuage"];

    /// <summary>"Camille Tremblay" becomes "Camille Tremblay 4821": unique on a shared console page.</summary>
    public static string Name(string name) => $"{name} {Random.Shared.Next(1000, 10000)}";

    public static string NewEmail(string fullName)
    {
        var local = new StringBuilder();
        foreach (var c in fullName.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                local.Append(char.ToLowerInvariant(c));
            }
            else if (c == ' ' && local.Length > 0 && local[^1] != '.')
            {
                local.Append('.');
            }
        }

        return $"{local}.{Guid.NewGuid().ToString("N")[..6]}@residents.example.test";
    }

    /// <summary>A passphrase of three different random words and digits (well above the portal's guessability bar).</summary>
    public static string NewPassword() =>
        string.Join('-', Words.OrderBy(_ => Random.Shared.Next()).Take(3)) + "-" + Random.Shared.Next(100, 1000).ToString(CultureInfo.InvariantCulture);
}
