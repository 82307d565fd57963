using LoftsDesArts.Core.Audit;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Security;
using LoftsDesArts.Core.Storage;
using LoftsDesArts.Core.Units;

namespace LoftsDesArts.Core.Registrations;

/// <summary>A code as issued: the only moment its clear text exists.</summary>
public sealed record IssuedRegistrationCode(RegistrationCodeDocument Document, string Code, UnitDocument Unit);

public enum RegistrationCodeStatus
{
    Active,
    Used,
    Expired,
    Revoked,
}

/// <summary>
/// Per-unit registration codes (issue 2, B1): 12 Crockford base32 characters (60 bits), usable a
/// limited number of times (default 4), expiring, revocable; only a hash is kept, so re-printing a
/// letter means issuing a new code.
/// </summary>
public sealed class RegistrationCodeService(IDocumentStore store, AuditLog audit, TimeProvider clock)
{
    public const int DefaultMaxUses = 4;
    public const int DefaultValidDays = 60;

    public static string HashCode(string buildingId, string unitId, string code) =>
        RandomTokens.Hash($"regcode|{buildingId}|{unitId}|{RandomTokens.NormalizeCode(code)}");

    public static RegistrationCodeStatus StatusOf(RegistrationCodeDocument code, DateTimeOffset now) => code switch
    {
        { RevokedAt: not null } => RegistrationCodeStatus.Revoked,
        _ when code.ExpiresAt <= now => RegistrationCodeStatus.Expired,
        _ when code.Uses >= code.MaxUses => RegistrationCodeStatus.Used,
        _ => RegistrationCodeStatus.Active,
    };

    public async Task<IssuedRegistrationCode> IssueAsync(string buildingId, string unitId, int maxUses, int validDays, string actorUserId, CancellationToken cancellationToken)
    {
        var unit = await ReadUnitAsync(buildingId, unitId, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var code = RandomTokens.GroupedCode(3);
        var codeId = RandomTokens.Id("c_");
        var document = new RegistrationCodeDocument
        {
            Id = RegistrationCodeDocument.IdFor(codeId),
            BuildingId = buildingId,
            CodeId = codeId,
            UnitId = unit.UnitId,
            CodeHash = HashCode(buildingId, unit.UnitId, code),
            IssuedAt = now,
            IssuedBy = actorUserId,
            ExpiresAt = now.AddDays(validDays),
            MaxUses = maxUses,
        };
        await store.CreateAsync(Containers.Buildings, buildingId, document.Id, document, cancellationToken).ConfigureAwait(false);
        await audit.WriteAsync(buildingId, actorUserId, "registration-code.issued", "unit", unit.UnitId, new Dictionary<string, string> { ["codeId"] = codeId }, cancellationToken).ConfigureAwait(false);
        return new IssuedRegistrationCode(document, code, unit);
    }

    public async Task<IReadOnlyList<RegistrationCodeDocument>> ListAsync(string buildingId, string unitId, CancellationToken cancellationToken)
    {
        var unit = await ReadUnitAsync(buildingId, unitId, cancellationToken).ConfigureAwait(false);
        return await store.QueryAllAsync<RegistrationCodeDocument>(RegistrationQueries.CodesOfUnit, buildingId, new QueryArgs { ["unitId"] = unit.UnitId }, cancellationToken).ConfigureAwait(false);
    }

    public async Task RevokeAsync(string buildingId, string unitId, string codeId, string actorUserId, CancellationToken cancellationToken)
    {
        var stored = await store.ReadAsync<RegistrationCodeDocument>(Containers.Buildings, buildingId, RegistrationCodeDocument.IdFor(codeId), cancellationToken).ConfigureAwait(false);
        if (stored is null || stored.Value.UnitId != UnitDocument.NormalizeNumber(unitId))
        {
            throw DomainException.NotFound("registration-code-not-found", RegistrationTexts.CodeNotFound);
        }

        if (stored.Value.RevokedAt is not null)
        {
            return;
        }

        var revoked = stored.Value with { RevokedAt = clock.GetUtcNow() };
        await store.ReplaceAsync(Containers.Buildings, buildingId, revoked.Id, revoked, stored.ETag, cancellationToken).ConfigureAwait(false);
        await audit.WriteAsync(buildingId, actorUserId, "registration-code.revoked", "unit", revoked.UnitId, new Dictionary<string, string> { ["codeId"] = codeId }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<UnitDocument> ReadUnitAsync(string buildingId, string unitId, CancellationToken cancellationToken)
    {
        var unit = await store.ReadAsync<UnitDocument>(Containers.Buildings, buildingId, UnitDocument.IdFor(UnitDocument.NormalizeNumber(unitId)), cancellationToken).ConfigureAwait(false);
        return unit is null || unit.Value.Staged is not null
            ? throw DomainException.NotFound("unit-not-found", RegistrationTexts.UnknownUnit)
            : unit.Value;
    }
}
