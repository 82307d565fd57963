using LoftsDesArts.Core.Access;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Events;
using LoftsDesArts.Core.Security;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Identity;

public enum SignInStatus
{
    SignedIn,
    TotpRequired,
}

/// <summary>Either a session, or (staff) a challenge to present with a TOTP code.</summary>
public sealed record SignInResult(SignInStatus Status, UserAccount Account, IssuedSession? Session, string? TotpChallenge);

/// <summary>
/// Signing in by password, by a one-time code sent by email, and the staff's TOTP step (DESIGN §5).
/// Every failure answers the same whether or not the email has an account, and spends the same time.
/// </summary>
public sealed class SignInService(
    IDocumentStore store,
    Accounts accounts,
    SessionService sessions,
    SignInThrottle throttle,
    TotpService totp,
    TimeProvider clock)
{
    public async Task<SignInResult> WithPasswordAsync(string email, string password, string clientAddress, string userAgent, CancellationToken cancellationToken)
    {
        var normalized = Emails.Normalize(email);
        await throttle.EnsureAllowedAsync("password", normalized, clientAddress, cancellationToken).ConfigureAwait(false);
        var stored = await accounts.FindByEmailAsync(normalized, cancellationToken).ConfigureAwait(false);
        if (stored?.Value.PasswordHash is not { } hash)
        {
            PasswordHasher.SpendEquivalentTime(password);
            await throttle.RecordFailureAsync("password", normalized, clientAddress, cancellationToken).ConfigureAwait(false);
            throw InvalidCredentials();
        }

        var check = PasswordHasher.Verify(password, hash);
        if (check == PasswordCheck.Failed)
        {
            await throttle.RecordFailureAsync("password", normalized, clientAddress, cancellationToken).ConfigureAwait(false);
            throw InvalidCredentials();
        }

        await throttle.RecordSuccessAsync("password", normalized, clientAddress, cancellationToken).ConfigureAwait(false);
        var account = stored.Value;
        if (check == PasswordCheck.OkNeedsRehash)
        {
            account = await accounts.ChangeAsync(account.UserId, a => a with { PasswordHash = PasswordHasher.Hash(password) }, cancellationToken).ConfigureAwait(false);
        }

        return await CompleteFirstFactorAsync(account, userAgent, cancellationToken).ConfigureAwait(false);
    }

    public async Task<SignInResult> WithTotpAsync(string? challenge, string code, string clientAddress, string userAgent, CancellationToken cancellationToken)
    {
        var userId = await totp.ReadChallengeAsync(challenge, cancellationToken).ConfigureAwait(false)
            ?? throw new DomainException(ErrorKind.Unauthenticated, "totp-challenge-missing", IdentityTexts.TotpChallengeMissing);
        await throttle.EnsureAllowedAsync("totp", userId, clientAddress, cancellationToken).ConfigureAwait(false);
        var account = await accounts.RequireAsync(userId, cancellationToken).ConfigureAwait(false);
        if (account.TotpSecret is null || !await totp.VerifyProtectedAsync(account.TotpSecret, code, cancellationToken).ConfigureAwait(false))
        {
            await throttle.RecordFailureAsync("totp", userId, clientAddress, cancellationToken).ConfigureAwait(false);
            throw DomainException.Invalid("code", IdentityTexts.TotpInvalid);
        }

        await throttle.RecordSuccessAsync("totp", userId, clientAddress, cancellationToken).ConfigureAwait(false);
        EnsureActive(account);
        var session = await sessions.StartAsync(account, userAgent, cancellationToken).ConfigureAwait(false);
        return new SignInResult(SignInStatus.SignedIn, account, session, null);
    }

    /// <summary>Emails a one-time code if the address has an active, verified account; silent otherwise.</summary>
    public async Task RequestCodeAsync(string email, CancellationToken cancellationToken)
    {
        var stored = await accounts.FindByEmailAsync(email, cancellationToken).ConfigureAwait(false);
        if (stored is null || stored.Value.Status != AccountStatus.Active || !stored.Value.EmailVerified)
        {
            return;
        }

        await WriteAccountEventAsync(store, stored.Value.UserId, IdentityEvents.SignInCodeRequested, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    public async Task<SignInResult> WithCodeAsync(string email, string code, string clientAddress, string userAgent, CancellationToken cancellationToken)
    {
        var normalized = Emails.Normalize(email);
        await throttle.EnsureAllowedAsync("code", normalized, clientAddress, cancellationToken).ConfigureAwait(false);
        var stored = await accounts.FindByEmailAsync(normalized, cancellationToken).ConfigureAwait(false);
        if (stored is null || !await EmailCodes.ConsumeAsync(store, stored.Value.UserId, CodePurpose.SignIn, code, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            await throttle.RecordFailureAsync("code", normalized, clientAddress, cancellationToken).ConfigureAwait(false);
            throw DomainException.Invalid("code", IdentityTexts.VerificationInvalid);
        }

        await throttle.RecordSuccessAsync("code", normalized, clientAddress, cancellationToken).ConfigureAwait(false);
        return await CompleteFirstFactorAsync(stored.Value, userAgent, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// After a first factor other than the password (the emailed code or link that verifies an address):
    /// a session, or for staff with a second factor the TOTP challenge, exactly as after a password.
    /// </summary>
    public Task<SignInResult> ContinueAfterFirstFactorAsync(UserAccount account, string userAgent, CancellationToken cancellationToken) =>
        CompleteFirstFactorAsync(account, userAgent, cancellationToken);

    internal static async Task WriteAccountEventAsync(IDocumentStore store, string userId, string kind, DateTimeOffset now, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? data = null)
    {
        var evt = EventDocument.ForUser(userId, userId, kind, now, data, suffix: StoreJson.Instant(now) + RandomTokens.Digits(4));
        await store.CreateAsync(Containers.Users, userId, evt.Id, evt, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SignInResult> CompleteFirstFactorAsync(UserAccount account, string userAgent, CancellationToken cancellationToken)
    {
        EnsureActive(account);
        if (!account.EmailVerified)
        {
            throw new DomainException(ErrorKind.Forbidden, "email-unverified", IdentityTexts.EmailUnverified);
        }

        if (account.Kind == AccountKind.Staff && account.TotpEnabled)
        {
            var challenge = await totp.CreateChallengeAsync(account.UserId, cancellationToken).ConfigureAwait(false);
            return new SignInResult(SignInStatus.TotpRequired, account, null, challenge);
        }

        var session = await sessions.StartAsync(account, userAgent, cancellationToken).ConfigureAwait(false);
        return new SignInResult(SignInStatus.SignedIn, account, session, null);
    }

    private static void EnsureActive(UserAccount account)
    {
        if (account.Status != AccountStatus.Active)
        {
            throw new DomainException(ErrorKind.Forbidden, "account-deactivated", IdentityTexts.AccountDeactivated);
        }
    }

    private static DomainException InvalidCredentials() =>
        new(ErrorKind.Unauthenticated, "invalid-credentials", IdentityTexts.InvalidCredentials);
}

/// <summary>Checking an emailed code: constant-time, a few attempts, single use.</summary>
internal static class EmailCodes
{
    public static async Task<bool> ConsumeAsync(IDocumentStore store, string userId, CodePurpose purpose, string? code, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stored = await store.ReadAsync<EmailCode>(Containers.Users, userId, EmailCode.IdFor(purpose), cancellationToken).ConfigureAwait(false);
        if (stored is null || string.IsNullOrWhiteSpace(code) || stored.Value.ExpiresAt <= now || stored.Value.Attempts >= VerificationIssuer.MaxCodeAttempts)
        {
            return false;
        }

        if (!RandomTokens.FixedTimeEquals(stored.Value.CodeHash, VerificationIssuer.HashCode(userId, purpose, code)))
        {
            try
            {
                await store.ReplaceAsync(Containers.Users, userId, stored.Value.Id, stored.Value with { Attempts = stored.Value.Attempts + 1 }, stored.ETag, cancellationToken).ConfigureAwait(false);
            }
            catch (StoreException ex) when (ex.Failure is StoreFailure.PreconditionFailed or StoreFailure.NotFound)
            {
                // A concurrent attempt moved it; the throttle still counts this one.
            }

            return false;
        }

        try
        {
            await store.DeleteAsync(Containers.Users, userId, stored.Value.Id, stored.ETag, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (StoreException ex) when (ex.Failure is StoreFailure.PreconditionFailed or StoreFailure.NotFound)
        {
            return false; // Used by a concurrent request: single use.
        }
    }
}
