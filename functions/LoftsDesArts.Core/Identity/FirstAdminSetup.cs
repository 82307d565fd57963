using LoftsDesArts.Core.Access;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Security;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Identity;

/// <summary>Marks that the first administrator exists (<see cref="Containers.Lookups"/>, id <c>setup</c>).</summary>
public sealed record SetupState : Document
{
    public const string DocumentId = "setup";

    public override string Type => "setup";

    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Hash of the single-use setup token while one is outstanding.</summary>
    public string? TokenHash { get; init; }

    /// <summary>The account being created, between the form and the TOTP confirmation.</summary>
    public PreparedStaff? Pending { get; init; }
}

public static class SetupTexts
{
    public static readonly LocalizedText TokenInvalid = new(
        "Ce lien de configuration n'est pas valide ou a déjà servi. Redémarrez le portail pour en obtenir un nouveau.",
        "This setup link is not valid or was already used. Restart the portal to get a new one.");

    public static readonly LocalizedText NoPreparedStaff = new(
        "Remplissez d'abord le formulaire du compte administrateur.",
        "Fill in the administrator account form first.");
}

/// <summary>
/// The first administrator of a self-host started without <c>--demo</c>: a single-use link printed at
/// start-up opens a form (name, email, password), then a TOTP enrolment that must be confirmed with a
/// code before the account exists.
/// </summary>
public sealed class FirstAdminSetup(IDocumentStore store, StaffAccounts staff, SecretProtector protector, TimeProvider clock)
{
    /// <summary>A new single-use token when no administrator exists yet; <c>null</c> once set up.</summary>
    public async Task<string?> IssueTokenIfNeededAsync(CancellationToken cancellationToken)
    {
        var stored = await store.ReadAsync<SetupState>(Containers.Lookups, SetupState.DocumentId, SetupState.DocumentId, cancellationToken).ConfigureAwait(false);
        if (stored?.Value.CompletedAt is not null)
        {
            return null;
        }

        var token = RandomTokens.UrlToken();
        var state = new SetupState { Id = SetupState.DocumentId, TokenHash = RandomTokens.Hash(token) };
        await store.UpsertAsync(Containers.Lookups, SetupState.DocumentId, SetupState.DocumentId, state, stored?.ETag, cancellationToken).ConfigureAwait(false);
        return token;
    }

    /// <summary>Step 1: checks the token and the form, and returns the TOTP enrolment to confirm.</summary>
    public async Task<TotpEnrolment> BeginAsync(string token, string fullName, string email, string password, Language language, CancellationToken cancellationToken)
    {
        var stored = await ReadOpenAsync(token, cancellationToken).ConfigureAwait(false);
        if (PasswordPolicy.Check(password, email, fullName) is { } weak)
        {
            throw DomainException.Invalid("password", weak);
        }

        var enrolment = TotpService.NewEnrolment(Emails.Normalize(email));
        var pending = new PreparedStaff(fullName.Trim(), Emails.Normalize(email), PasswordHasher.Hash(password), await protector.ProtectAsync(enrolment.Secret, cancellationToken).ConfigureAwait(false), language);
        await store.ReplaceAsync(Containers.Lookups, SetupState.DocumentId, SetupState.DocumentId, stored.Value with { Pending = pending }, stored.ETag, cancellationToken).ConfigureAwait(false);
        return enrolment;
    }

    /// <summary>Step 2: a correct TOTP code creates the administrator of <paramref name="buildingId"/> and spends the token.</summary>
    public async Task<UserAccount> CompleteAsync(string token, string code, string buildingId, CancellationToken cancellationToken)
    {
        var stored = await ReadOpenAsync(token, cancellationToken).ConfigureAwait(false);
        var pending = stored.Value.Pending ?? throw DomainException.Invalid("token", SetupTexts.NoPreparedStaff);
        var secret = await protector.UnprotectAsync(pending.ProtectedTotpSecret, cancellationToken).ConfigureAwait(false);
        if (!TotpService.Verify(secret, code, clock.GetUtcNow()))
        {
            throw DomainException.Invalid("code", IdentityTexts.TotpInvalid);
        }

        // Spend the token first: a second completion racing this one fails on the ETag.
        await store.ReplaceAsync(Containers.Lookups, SetupState.DocumentId, SetupState.DocumentId, new SetupState { Id = SetupState.DocumentId, CompletedAt = clock.GetUtcNow() }, stored.ETag, cancellationToken).ConfigureAwait(false);
        var account = await staff.CreateWithHashAsync(pending, buildingId, Role.Admin, cancellationToken).ConfigureAwait(false);
        return account;
    }

    private async Task<Stored<SetupState>> ReadOpenAsync(string token, CancellationToken cancellationToken)
    {
        var stored = await store.ReadAsync<SetupState>(Containers.Lookups, SetupState.DocumentId, SetupState.DocumentId, cancellationToken).ConfigureAwait(false);
        if (stored is null || stored.Value.CompletedAt is not null || stored.Value.TokenHash is null || !RandomTokens.FixedTimeEquals(stored.Value.TokenHash, RandomTokens.Hash(token)))
        {
            throw new DomainException(ErrorKind.Validation, "setup-token-invalid", SetupTexts.TokenInvalid);
        }

        return stored;
    }
}
