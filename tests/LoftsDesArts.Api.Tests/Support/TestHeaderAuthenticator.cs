using LoftsDesArts.Core.Access;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Http.Pipeline;
using Microsoft.AspNetCore.Http;

namespace LoftsDesArts.Api.Tests.Support;

/// <summary>
/// TEST DOUBLE, test project only: names the caller directly, so the real-time tests exercise the hub and
/// the negotiate route without a sign-in journey (the session path is covered by the identity and
/// end-to-end tests).
/// The request names a caller from <see cref="Callers"/> (or the dictionary given) in the <see cref="Header"/> header; no header
/// (or an unknown name) is an anonymous request.
/// </summary>
public sealed class TestHeaderAuthenticator(IReadOnlyDictionary<string, CallerPrincipal>? callers = null) : IApiAuthenticator
{
    public const string Header = "X-Test-Caller";

    public const string Staff = "staff-1";
    public const string Resident = "resident-1";
    public const string Unverified = "unverified-1";

    public static IReadOnlyDictionary<string, CallerPrincipal> Callers { get; } = new Dictionary<string, CallerPrincipal>(StringComparer.Ordinal)
    {
        [Staff] = new(Staff, "session-staff", AccountKind.Staff, EmailVerified: true, Language.Fr, [new Membership("b1", null, Role.FrontDesk)]),
        [Resident] = new(Resident, "session-resident", AccountKind.Resident, EmailVerified: true, Language.Fr, [new Membership("b1", "u305", Role.Resident)]),
        [Unverified] = new(Unverified, "session-unverified", AccountKind.Resident, EmailVerified: false, Language.Fr, [new Membership("b1", "u101", Role.Resident)]),
    };

    public Task<ApiAuthentication> AuthenticateAsync(HttpContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new ApiAuthentication(context.Request.Headers[Header].ToString() is { Length: > 0 } name ? (callers ?? Callers).GetValueOrDefault(name) : null));
}
