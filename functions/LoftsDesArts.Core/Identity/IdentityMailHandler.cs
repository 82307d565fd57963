using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Email;
using LoftsDesArts.Core.Events;
using LoftsDesArts.Core.Notices;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Identity;

/// <summary>
/// The account's emails (issue 2, B1–B2): verification after registering or on request, a sign-in
/// code, a password reset link, notices of a changed password or address (to the address in place
/// before), and "someone tried to register with your address". Secrets are issued here, at sending
/// time, so they exist only in the email and as hashes.
/// </summary>
public sealed class IdentityMailHandler(
    Accounts accounts,
    VerificationIssuer issuer,
    NoticeDispatcher notices,
    PortalLinks links) : IFeedHandler
{
    private static readonly HashSet<string> Kinds =
    [
        IdentityEvents.Registered, IdentityEvents.VerificationRequested, IdentityEvents.RegistrationAttempted,
        IdentityEvents.SignInCodeRequested, IdentityEvents.PasswordResetRequested, IdentityEvents.PasswordChanged,
        IdentityEvents.EmailChangeRequested, IdentityEvents.EmailChanged,
    ];

    public string Name => "identity-mail";

    public ContainerSpec Container => Containers.Users;

    public bool Wants(string kind) => Kinds.Contains(kind);

    public async Task HandleAsync(EventDocument evt, CancellationToken cancellationToken)
    {
        var userId = evt.UserId!;
        var account = (await accounts.ReadAsync(userId, cancellationToken).ConfigureAwait(false))?.Value;
        if (account is null)
        {
            return;
        }

        switch (evt.Kind)
        {
            case IdentityEvents.Registered or IdentityEvents.VerificationRequested when !account.EmailVerified:
                await SendWithSecretAsync<VerifyEmail>(evt, account, account.Email, async () =>
                {
                    var material = await issuer.IssueEmailVerificationAsync(userId, null, cancellationToken).ConfigureAwait(false);
                    return new VerifyEmail(account.FullName, links.VerifyEmail(account.Language, material.LinkToken), material.Code!, material.ExpiresAt);
                }, cancellationToken).ConfigureAwait(false);
                break;
            case IdentityEvents.EmailChangeRequested when account.PendingEmail is { } newEmail:
                await SendWithSecretAsync<VerifyEmail>(evt, account, newEmail, async () =>
                {
                    var material = await issuer.IssueEmailVerificationAsync(userId, newEmail, cancellationToken).ConfigureAwait(false);
                    return new VerifyEmail(account.FullName, links.VerifyEmail(account.Language, material.LinkToken), material.Code!, material.ExpiresAt);
                }, cancellationToken).ConfigureAwait(false);
                break;
            case IdentityEvents.SignInCodeRequested:
                await SendWithSecretAsync<SignInCode>(evt, account, account.Email, async () =>
                {
                    var material = await issuer.IssueSignInCodeAsync(userId, cancellationToken).ConfigureAwait(false);
                    return new SignInCode(account.FullName, material.Code!, material.ExpiresAt);
                }, cancellationToken).ConfigureAwait(false);
                break;
            case IdentityEvents.PasswordResetRequested:
                await SendWithSecretAsync<PasswordReset>(evt, account, account.Email, async () =>
                {
                    var material = await issuer.IssuePasswordResetAsync(userId, cancellationToken).ConfigureAwait(false);
                    return new PasswordReset(account.FullName, links.ResetPassword(account.Language, material.LinkToken), material.ExpiresAt);
                }, cancellationToken).ConfigureAwait(false);
                break;
            case IdentityEvents.RegistrationAttempted:
                await SendAsync(evt, account, account.Email, new AccountExists(account.FullName, links.SignIn(account.Language), links.ForgotPassword(account.Language)), cancellationToken).ConfigureAwait(false);
                break;
            case IdentityEvents.PasswordChanged:
                await SendAsync(evt, account, account.Email, new PasswordChanged(account.FullName, evt.OccurredAt), cancellationToken).ConfigureAwait(false);
                break;
            case IdentityEvents.EmailChanged when account.PreviousEmail is { } previous:
                await SendAsync(evt, account, previous, new EmailChanged(account.FullName, Mask(account.Email), evt.OccurredAt), cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>"z***@example.test": enough for the owner to recognise, not a full address in an old mailbox.</summary>
    public static string Mask(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at <= 1 ? "***" + email[Math.Max(at, 0)..] : email[0] + "***" + email[at..];
    }

    private async Task SendWithSecretAsync<TModel>(EventDocument evt, UserAccount account, string address, Func<Task<TModel>> model, CancellationToken cancellationToken)
        where TModel : EmailModel
    {
        if (await notices.TryResumeAsync(evt, account.UserId, typeof(TModel), cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }

        await SendAsync(evt, account, address, await model().ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    private async Task SendAsync(EventDocument evt, UserAccount account, string address, EmailModel model, CancellationToken cancellationToken) =>
        await notices.DispatchAsync(evt, [new NoticeRecipient(account.UserId, new EmailAddress(address, account.FullName), account.Language, model)], cancellationToken).ConfigureAwait(false);
}
