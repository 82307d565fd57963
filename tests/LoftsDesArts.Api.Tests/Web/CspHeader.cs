namespace LoftsDesArts.Api.Tests.Web;

/// <summary>A Content-Security-Policy header split into directives.</summary>
internal sealed class CspHeader
{
    private readonly Dictionary<string, string[]> _directives;

    public CspHeader(string header)
    {
        _directives = header
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(parts => parts[0], parts => parts[1..], StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> Names => _directives.Keys;

    public string[] this[string directive] => _directives.TryGetValue(directive, out var sources) ? sources : [];

    public IEnumerable<string> AllSources => _directives.Values.SelectMany(v => v);

    /// <summary>The value of the single <c>'nonce-…'</c> source of style-src.</summary>
    public string StyleNonce
    {
        get
        {
            var nonce = Assert.Single(this["style-src"], s => s.StartsWith("'nonce-", StringComparison.Ordinal));
            return nonce["'nonce-".Length..^1];
        }
    }
}
