using LoftsDesArts.Core.Access;
using LoftsDesArts.Http.Pipeline;
using Microsoft.AspNetCore.Http;

namespace LoftsDesArts.Api.Tests.Support;

/// <summary>
/// TEST DOUBLE, never in a host: stands in for sign-in by mapping the <see cref="Header"/> value to a caller the
/// test registered. Lets route tests exercise authorization before (and independently of) real sessions.
/// </summary>
public sealed class HeaderCallerAuthenticator(IReadOnlyDictionary<string, CallerPrincipal> callers) : IApiAuthenticator
{
    public const string Header = "X-Test-Caller";

    public Task<CallerPrincipal?> AuthenticateAsync(HttpContext context, CancellationToken cancellationToken) =>
        Task.FromResult(callers.GetValueOrDefault(context.Request.Headers[Header].ToString()));
}
