using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Identity;

/// <summary>
/// Email verification, password reset, and the account's own changes (issue 2, B2). Proving
/// possession of the address (link or code) signs the person in; a changed email or password is
/// notified to the address that was in place before.
/// </summary>
public sealed class AccountService(
    IDocumentStore store,
    Accounts accounts,
    SessionService sessions,
    SignInThrottle throttle,
    PrincipalCache principals,
    TimeProvider clock)
{
    /// <summary>
    /// Confirms the address of a link. Possession of the address is a first factor: the caller continues
    /// with <see cref="SignInService.ContinueAfterFirstFactorAsync"/>, which asks staff for their TOTP code.
    /// </summary>
    public async Task<UserAccount> VerifyEmailWithTokenAsync(string token, CancellationToken cancellationToken)
    {
        var link = await UseLinkAsync(token, LinkPurpose.VerifyEmail, cancellationToken).ConfigureAwait(false);
        return await ConfirmAddressAsync(link.UserId!, link.Email, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Confirms an address by its six-digit code; a first factor, as <see cref="VerifyEmailWithTokenAsync"/>.</summary>
    public async Task<UserAccount> VerifyEmailWithCodeAsync(string email, string code, string clientAddress, CancellationToken cancellationToken)
    {
        var normalized = Emails.Normalize(email);
        await throttle.EnsureAllowedAsync("verify", normalized, clientAddress, cancellationToken).ConfigureAwait(false);
        var stored = await accounts.FindByEmailAsync(normalized, cancellationToken).ConfigureAwait(false);
        if (stored is null || !await EmailCodes.ConsumeAsync(store, stored.Value.UserId, CodePurpose.VerifyEmail, code, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            await throttle.RecordFailureAsync("verify", normalized, clientAddress, cancellationToken).ConfigureAwait(false);
            throw DomainException.Invalid("code", IdentityTexts.VerificationInvalid);
        }

        await throttle.RecordSuccessAsync("verify", normalized, clientAddress, cancellationToken).ConfigureAwait(false);
        return await ConfirmAddressAsync(stored.Value.UserId, null, cancellationToken).ConfigureAwait(false);
    }

    public async Task ResendVerificationAsync(string email, CancellationToken cancellationToken)
    {
        var stored = await accounts.FindByEmailAsync(email, cancellationToken).ConfigureAwait(false);
        if (stored is not null && !stored.Value.EmailVerified)
        {
            await SignInService.WriteAccountEventAsync(store, stored.Value.UserId, IdentityEvents.VerificationRequested, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task RequestPasswordResetAsync(string email, CancellationToken cancellationToken)
    {
        var stored = await accounts.FindByEmailAsync(email, cancellationToken).ConfigureAwait(false);
        if (stored is not null && stored.Value.Status == AccountStatus.Active)
        {
            await SignInService.WriteAccountEventAsync(store, stored.Value.UserId, IdentityEvents.PasswordResetRequested, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sets a new password from an emailed link; every session ends and the address is told.</summary>
    public async Task ResetPasswordAsync(string token, string newPassword, CancellationToken cancellationToken)
    {
        var id = LinkToken.IdFor(token);
        var link = await ReadLinkAsync(id, LinkPurpose.ResetPassword, cancellationToken).ConfigureAwait(false);
        var account = await accounts.RequireAsync(link.Value.UserId!, cancellationToken).ConfigureAwait(false);
        EnsurePasswordAcceptable(newPassword, account);
        await MarkLinkUsedAsync(id, link, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        await accounts.ChangeAsync(account.UserId, a => a with { PasswordHash = Security.PasswordHasher.Hash(newPassword), EmailVerified = true }, cancellationToken, PasswordChangedEvent(account.UserId, now)).ConfigureAwait(false);
        await sessions.RevokeAllAsync(account.UserId, "password-reset", cancellationToken).ConfigureAwait(false);
        principals.Forget(account.UserId);
    }

    public async Task ChangePasswordAsync(string userId, string sessionId, string currentPassword, string newPassword, string clientAddress, CancellationToken cancellationToken)
    {
        var account = await VerifyCurrentPasswordAsync(userId, currentPassword, clientAddress, cancellationToken).ConfigureAwait(false);
        EnsurePasswordAcceptable(newPassword, account);
        var now = clock.GetUtcNow();
        await accounts.ChangeAsync(userId, a => a with { PasswordHash = Security.PasswordHasher.Hash(newPassword) }, cancellationToken, PasswordChangedEvent(userId, now)).ConfigureAwait(false);

        // Other devices used the old password: end them; this one stays signed in.
        foreach (var session in await sessions.ListActiveAsync(userId, cancellationToken).ConfigureAwait(false))
        {
            if (session.SessionId != sessionId)
            {
                await sessions.RevokeAsync(userId, session.SessionId, "password-changed", cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Starts an email change: the new address must confirm before it becomes the sign-in address.</summary>
    public async Task RequestEmailChangeAsync(string userId, string newEmail, string currentPassword, string clientAddress, CancellationToken cancellationToken)
    {
        await VerifyCurrentPasswordAsync(userId, currentPassword, clientAddress, cancellationToken).ConfigureAwait(false);
        var normalized = Emails.Normalize(newEmail);
        var claimId = EmailClaim.IdFor(normalized);
        if (await store.ReadAsync<EmailClaim>(Containers.Lookups, claimId, claimId, cancellationToken).ConfigureAwait(false) is not null)
        {
            throw DomainException.Invalid("newEmail", IdentityTexts.EmailTaken);
        }

        await accounts.ChangeAsync(userId, a => a with { PendingEmail = normalized }, cancellationToken).ConfigureAwait(false);
        await SignInService.WriteAccountEventAsync(store, userId, IdentityEvents.EmailChangeRequested, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    public Task<UserAccount> SetLanguageAsync(string userId, Language language, CancellationToken cancellationToken) =>
        ChangeAndForgetAsync(userId, a => a with { Language = language }, cancellationToken);

    public Task<UserAccount> UpdateProfileAsync(string userId, string fullName, CancellationToken cancellationToken) =>
        ChangeAndForgetAsync(userId, a => a with { FullName = fullName.Trim() }, cancellationToken);

    public async Task SignOutEverywhereAsync(string userId, CancellationToken cancellationToken)
    {
        await sessions.RevokeAllAsync(userId, "signed-out-everywhere", cancellationToken).ConfigureAwait(false);
        await SignInService.WriteAccountEventAsync(store, userId, IdentityEvents.SignedOutEverywhere, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        principals.Forget(userId);
    }

    /// <summary>Unlocks a locked desk session after the password is entered again.</summary>
    public async Task UnlockAsync(string userId, string sessionId, string password, string clientAddress, CancellationToken cancellationToken)
    {
        await VerifyCurrentPasswordAsync(userId, password, clientAddress, cancellationToken, field: "password").ConfigureAwait(false);
        await sessions.UnlockAsync(userId, sessionId, cancellationToken).ConfigureAwait(false);
        principals.Forget(userId);
    }

    private async Task<UserAccount> ChangeAndForgetAsync(string userId, Func<UserAccount, UserAccount> change, CancellationToken cancellationToken)
    {
        var account = await accounts.ChangeAsync(userId, change, cancellationToken).ConfigureAwait(false);
        principals.Forget(userId);
        return account;
    }

    private async Task<UserAccount> VerifyCurrentPasswordAsync(string userId, string password, string clientAddress, CancellationToken cancellationToken, string field = "currentPassword")
    {
        await throttle.EnsureAllowedAsync("reauth", userId, clientAddress, cancellationToken).ConfigureAwait(false);
        var account = await accounts.RequireAsync(userId, cancellationToken).ConfigureAwait(false);
        if (account.PasswordHash is null || Security.PasswordHasher.Verify(password, account.PasswordHash) == Security.PasswordCheck.Failed)
        {
            await throttle.RecordFailureAsync("reauth", userId, clientAddress, cancellationToken).ConfigureAwait(false);
            throw DomainException.Invalid(field, IdentityTexts.CurrentPasswordWrong);
        }

        await throttle.RecordSuccessAsync("reauth", userId, clientAddress, cancellationToken).ConfigureAwait(false);
        return account;
    }

    private static void EnsurePasswordAcceptable(string password, UserAccount account)
    {
        if (PasswordPolicy.Check(password, account.Email, account.FullName) is { } problem)
        {
            throw DomainException.Invalid("newPassword", problem);
        }
    }

    private static BatchOperation PasswordChangedEvent(string userId, DateTimeOffset now)
    {
        var evt = Events.EventDocument.ForUser(userId, userId, IdentityEvents.PasswordChanged, now, suffix: StoreJson.Instant(now));
        return BatchOperation.Create(evt.Id, evt);
    }

    /// <summary>
    /// Marks the address verified; for an email change, moves the sign-in address to the new one
    /// (claiming it, releasing the old) and records the old one for the notice.
    /// </summary>
    private async Task<UserAccount> ConfirmAddressAsync(string userId, string? newEmail, CancellationToken cancellationToken)
    {
        var account = await accounts.RequireAsync(userId, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        if (newEmail is null || newEmail == account.Email)
        {
            var verified = account.EmailVerified ? account : await accounts.ChangeAsync(userId, a => a with { EmailVerified = true }, cancellationToken).ConfigureAwait(false);
            principals.Forget(userId);
            return verified;
        }

        if (account.PendingEmail != newEmail)
        {
            throw DomainException.Invalid("token", IdentityTexts.VerificationInvalid);
        }

        var newClaimId = EmailClaim.IdFor(newEmail);
        try
        {
            await store.CreateAsync(Containers.Lookups, newClaimId, newClaimId, new EmailClaim { Id = newClaimId, UserId = userId, ClaimedAt = now }, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreException ex) when (ex.Failure == StoreFailure.Conflict)
        {
            throw DomainException.Invalid("newEmail", IdentityTexts.EmailTaken);
        }

        var changedEvent = Events.EventDocument.ForUser(userId, userId, IdentityEvents.EmailChanged, now, suffix: StoreJson.Instant(now));
        var changed = await accounts.ChangeAsync(
            userId,
            a => a with { PreviousEmail = a.Email, Email = newEmail, PendingEmail = null, EmailVerified = true },
            cancellationToken,
            BatchOperation.Create(changedEvent.Id, changedEvent)).ConfigureAwait(false);
        var oldClaimId = EmailClaim.IdFor(account.Email);
        await store.DeleteAsync(Containers.Lookups, oldClaimId, oldClaimId, null, cancellationToken).ConfigureAwait(false);
        principals.Forget(userId);
        return changed;
    }

    private async Task<LinkToken> UseLinkAsync(string token, LinkPurpose purpose, CancellationToken cancellationToken)
    {
        var id = LinkToken.IdFor(token);
        var link = await ReadLinkAsync(id, purpose, cancellationToken).ConfigureAwait(false);
        await MarkLinkUsedAsync(id, link, cancellationToken).ConfigureAwait(false);
        return link.Value;
    }

    private async Task<Stored<LinkToken>> ReadLinkAsync(string id, LinkPurpose purpose, CancellationToken cancellationToken)
    {
        var link = await store.ReadAsync<LinkToken>(Containers.Lookups, id, id, cancellationToken).ConfigureAwait(false);
        if (link is null || link.Value.Purpose != purpose || link.Value.UsedAt is not null)
        {
            throw new DomainException(ErrorKind.Validation, "verification-invalid", IdentityTexts.VerificationInvalid);
        }

        if (link.Value.ExpiresAt <= clock.GetUtcNow())
        {
            throw new DomainException(ErrorKind.Gone, "verification-expired", IdentityTexts.VerificationExpired);
        }

        return link;
    }

    private async Task MarkLinkUsedAsync(string id, Stored<LinkToken> link, CancellationToken cancellationToken)
    {
        try
        {
            await store.ReplaceAsync(Containers.Lookups, id, id, link.Value with { UsedAt = clock.GetUtcNow() }, link.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreException ex) when (ex.Failure is StoreFailure.PreconditionFailed or StoreFailure.NotFound)
        {
            throw new DomainException(ErrorKind.Validation, "verification-invalid", IdentityTexts.VerificationInvalid);
        }
    }
}
