namespace LoftsDesArts.Core.Common;

/// <summary>
/// A user-facing string in both languages. Holding both in one value makes a missing translation a
/// compile error rather than a runtime fallback: French first, English equal.
/// </summary>
public sealed record LocalizedText(string Fr, string En)
{
    public string In(Language language) => language == Language.En ? En : Fr;

    /// <summary>Fills <c>{0}</c>-style placeholders in both languages with culture-aware formatting.</summary>
    public LocalizedText Format(params object?[] args) => new(
        string.Format(Language.Fr.Culture(), Fr, args),
        string.Format(Language.En.Culture(), En, args));
}
