using LoftsDesArts.Core.Common;

namespace LoftsDesArts.Core.Identity;

/// <summary>
/// Long passwords, checked for guessability rather than composition rules (NIST SP 800-63B):
/// at least 12 characters, at most 128, and a zxcvbn score of 3 or more given the person's own
/// name and email and the building's name, which an attacker would try first.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 12;
    public const int MaxLength = 128;
    private const int MinScore = 3;

    private static readonly string[] SiteWords = ["lofts", "arts", "loftsdesarts", "clark", "montreal", "portail", "condo"];

    /// <summary>The problem with a password, or <c>null</c> when it is acceptable.</summary>
    public static LocalizedText? Check(string? password, params string?[] personalWords)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Texts.Fields.Required;
        }

        if (password.Length < MinLength)
        {
            return IdentityTexts.PasswordTooShort;
        }

        if (password.Length > MaxLength)
        {
            return Texts.Fields.TooLong.Format(MaxLength);
        }

        var inputs = personalWords
            .Where(w => !string.IsNullOrWhiteSpace(w))
            .SelectMany(w => w!.Split(['@', '.', ' ', '-', '_'], StringSplitOptions.RemoveEmptyEntries))
            .Concat(SiteWords)
            .ToList();
        var result = Zxcvbn.Zxcvbn.MatchPassword(password, inputs);
        return result.Score < MinScore ? IdentityTexts.PasswordTooGuessable : null;
    }
}
