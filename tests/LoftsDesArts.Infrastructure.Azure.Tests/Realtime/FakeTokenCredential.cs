using Azure.Core;

namespace LoftsDesArts.Infrastructure.Azure.Tests.Realtime;

/// <summary>A credential that hands out numbered tokens valid for an hour of the given clock, and records the scopes asked for.</summary>
public sealed class FakeTokenCredential(TimeProvider clock) : TokenCredential
{
    private int _issued;

    public List<string[]> RequestedScopes { get; } = [];

    public int Issued => _issued;

    public string LastToken => $"entra-token-{_issued}";

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        lock (RequestedScopes)
        {
            RequestedScopes.Add(requestContext.Scopes);
        }

        var number = Interlocked.Increment(ref _issued);
        return new AccessToken($"entra-token-{number}", clock.GetUtcNow().AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
