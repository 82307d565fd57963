using LoftsDesArts.Core.Common;

namespace LoftsDesArts.Core.Legal;

public enum LegalDocumentKind
{
    Terms,
    Privacy,
}

public sealed record LegalDocument(LegalDocumentKind Kind, string Version, Language Language, string Title, string Body);

/// <summary>
/// The terms of use and the privacy notice, in French (offered first, Charter of the French language
/// s.55) and English, embedded in the assembly. Accepting records the version.
/// </summary>
public static class LegalDocuments
{
    public const string CurrentVersion = "2026-11";

    public static LegalDocument Get(LegalDocumentKind kind, Language language)
    {
        var name = $"{typeof(LegalDocuments).Namespace}.{kind.ToString().ToLowerInvariant()}.{language.Code()}.txt";
        using var stream = typeof(LegalDocuments).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Missing embedded legal document {name}.");
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        var firstBreak = text.IndexOf('\n', StringComparison.Ordinal);
        return new LegalDocument(kind, CurrentVersion, language, text[..firstBreak].Trim(), text[(firstBreak + 1)..].Trim());
    }
}
