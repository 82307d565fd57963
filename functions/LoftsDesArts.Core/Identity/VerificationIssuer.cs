using LoftsDesArts.Core.Security;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Identity;

/// <summary>A link token and a short code as they go into one email; only their hashes are stored.</summary>
public sealed record VerificationMaterial(string LinkToken, string? Code, DateTimeOffset ExpiresAt);

/// <summary>
/// Creates the secrets that emails carry: single-use link tokens (256 bits) and six-digit codes
/// (few attempts each). Issued by the handlers that send the emails, so a secret exists only in
/// the email and as a hash.
/// </summary>
public sealed class VerificationIssuer(IDocumentStore store, TimeProvider clock)
{
    public static readonly TimeSpan VerificationLifetime = TimeSpan.FromHours(48);
    public static readonly TimeSpan SignInCodeLifetime = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan ResetLifetime = TimeSpan.FromHours(1);
    public const int CodeDigits = 6;
    public const int MaxCodeAttempts = 5;

    public async Task<VerificationMaterial> IssueEmailVerificationAsync(string userId, string? newEmail, CancellationToken cancellationToken)
    {
        var expiresAt = clock.GetUtcNow() + VerificationLifetime;
        var token = await IssueLinkAsync(LinkPurpose.VerifyEmail, userId, newEmail, expiresAt, cancellationToken).ConfigureAwait(false);
        var code = await IssueCodeAsync(userId, CodePurpose.VerifyEmail, expiresAt, cancellationToken).ConfigureAwait(false);
        return new VerificationMaterial(token, code, expiresAt);
    }

    public async Task<VerificationMaterial> IssueSignInCodeAsync(string userId, CancellationToken cancellationToken)
    {
        var expiresAt = clock.GetUtcNow() + SignInCodeLifetime;
        var code = await IssueCodeAsync(userId, CodePurpose.SignIn, expiresAt, cancellationToken).ConfigureAwait(false);
        return new VerificationMaterial(string.Empty, code, expiresAt);
    }

    public async Task<VerificationMaterial> IssuePasswordResetAsync(string userId, CancellationToken cancellationToken)
    {
        var expiresAt = clock.GetUtcNow() + ResetLifetime;
        var token = await IssueLinkAsync(LinkPurpose.ResetPassword, userId, null, expiresAt, cancellationToken).ConfigureAwait(false);
        return new VerificationMaterial(token, null, expiresAt);
    }

    public async Task<string> IssueLinkAsync(LinkPurpose purpose, string? userId, string? email, DateTimeOffset expiresAt, CancellationToken cancellationToken, string? buildingId = null, string? subjectId = null)
    {
        var token = RandomTokens.UrlToken();
        var id = LinkToken.IdFor(token);
        var document = new LinkToken
        {
            Id = id,
            Purpose = purpose,
            UserId = userId,
            Email = email,
            BuildingId = buildingId,
            SubjectId = subjectId,
            ExpiresAt = expiresAt,
            Ttl = (int)Math.Ceiling((expiresAt - clock.GetUtcNow()).TotalSeconds) + 86_400,
        };
        await store.CreateAsync(Containers.Lookups, id, id, document, cancellationToken).ConfigureAwait(false);
        return token;
    }

    /// <summary>A new code replaces the previous one of the same purpose (only the latest email works).</summary>
    private async Task<string> IssueCodeAsync(string userId, CodePurpose purpose, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var code = RandomTokens.Digits(CodeDigits);
        var document = new EmailCode
        {
            Id = EmailCode.IdFor(purpose),
            UserId = userId,
            Purpose = purpose,
            CodeHash = HashCode(userId, purpose, code),
            ExpiresAt = expiresAt,
            Ttl = (int)Math.Ceiling((expiresAt - clock.GetUtcNow()).TotalSeconds),
        };
        await store.UpsertAsync(Containers.Users, userId, document.Id, document, null, cancellationToken).ConfigureAwait(false);
        return code;
    }

    public static string HashCode(string userId, CodePurpose purpose, string code) =>
        RandomTokens.Hash($"{userId}|{purpose}|{code.Trim()}");
}
