using System.Security.Cryptography;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Registrations;
using LoftsDesArts.Core.Storage;
using LoftsDesArts.Core.Units;

namespace LoftsDesArts.Core.Packages;

/// <summary>What the desk sees when a resident shows a pickup code or names their unit.</summary>
public sealed record PickupView(
    UnitDocument Unit,
    ResidentDocument? Person,
    IReadOnlyList<ResidentDocument> Members,
    IReadOnlyList<Stored<PackageDocument>> Waiting,
    PackagePreferencesDocument Preferences);

/// <summary>
/// Residents' personal pickup codes: 8 characters from an alphabet without look-alikes (32⁸ ≈ 10¹²
/// codes; the lookup route is throttled), shown as a QR code and typed in two groups of four.
/// </summary>
public sealed class PickupCodes(IDocumentStore store, TimeProvider clock)
{
    private const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    public const int Length = 8;

    public async Task<PickupCodeDocument> GetOrIssueAsync(string buildingId, string unitId, string userId, CancellationToken cancellationToken)
    {
        var current = await store.ReadAsync<PickupCodeDocument>(Containers.Buildings, buildingId, PickupCodeDocument.IdFor(unitId, userId), cancellationToken).ConfigureAwait(false);
        return current?.Value ?? await IssueAsync(buildingId, unitId, userId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A new code; the old one stops working in the same batch.</summary>
    public async Task<PickupCodeDocument> IssueAsync(string buildingId, string unitId, string userId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var current = await store.ReadAsync<PickupCodeDocument>(Containers.Buildings, buildingId, PickupCodeDocument.IdFor(unitId, userId), cancellationToken).ConfigureAwait(false);
            var code = NewCode();
            var document = new PickupCodeDocument { Id = PickupCodeDocument.IdFor(unitId, userId), BuildingId = buildingId, UnitId = unitId, UserId = userId, Code = code, IssuedAt = clock.GetUtcNow() };
            var index = new PickupCodeIndexDocument { Id = PickupCodeIndexDocument.IdFor(code), BuildingId = buildingId, UnitId = unitId, UserId = userId };
            var operations = new List<BatchOperation>
            {
                current is null ? BatchOperation.Create(document.Id, document) : BatchOperation.Replace(document.Id, document, current.ETag),
                BatchOperation.Create(index.Id, index),
            };
            if (current is not null)
            {
                operations.Add(BatchOperation.Delete(PickupCodeIndexDocument.IdFor(current.Value.Code)));
            }

            try
            {
                await store.ExecuteBatchAsync(Containers.Buildings, buildingId, operations, cancellationToken).ConfigureAwait(false);
                return document;
            }
            catch (StoreException e) when (e.Failure is StoreFailure.Conflict or StoreFailure.PreconditionFailed or StoreFailure.NotFound && attempt < 4)
            {
                // Two tabs regenerating at once, or (rarely) a code already taken: draw again.
            }
        }
    }

    /// <summary>The resident a typed or scanned code belongs to, or null.</summary>
    public static async Task<PickupCodeIndexDocument?> FindAsync(IDocumentStore store, string buildingId, string? typed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var code = Normalize(typed);
        if (code.Length != Length)
        {
            return null;
        }

        return (await store.ReadAsync<PickupCodeIndexDocument>(Containers.Buildings, buildingId, PickupCodeIndexDocument.IdFor(code), cancellationToken).ConfigureAwait(false))?.Value;
    }

    public async Task<PickupView> LookupByCodeAsync(string buildingId, string? code, CancellationToken cancellationToken)
    {
        var owner = await FindAsync(store, buildingId, code, cancellationToken).ConfigureAwait(false)
            ?? throw DomainException.NotFound("pickup-code-unknown", PackageTexts.PickupCodeUnknown);
        return await ViewAsync(buildingId, owner.UnitId, owner.UserId, cancellationToken).ConfigureAwait(false);
    }

    public Task<PickupView> LookupByUnitAsync(string buildingId, string unitId, CancellationToken cancellationToken) =>
        ViewAsync(buildingId, UnitDocument.NormalizeNumber(unitId), null, cancellationToken);

    /// <summary>Upper case, without the spaces and dash people type between the two groups.</summary>
    public static string Normalize(string? typed) =>
        new([.. (typed ?? string.Empty).ToUpperInvariant().Where(c => c is not (' ' or '-'))]);

    public static string Display(string code) => code.Length == Length ? $"{code[..4]}-{code[4..]}" : code;

    private async Task<PickupView> ViewAsync(string buildingId, string unitId, string? userId, CancellationToken cancellationToken)
    {
        var unit = await store.ReadAsync<UnitDocument>(Containers.Buildings, buildingId, UnitDocument.IdFor(unitId), cancellationToken).ConfigureAwait(false)
            ?? throw DomainException.NotFound("unit-not-found", PackageTexts.UnitUnknown);
        var members = await store.QueryAllAsync<ResidentDocument>(RegistrationQueries.ResidentsOfUnit, buildingId, new QueryArgs { ["unitId"] = unitId }, cancellationToken).ConfigureAwait(false);
        var waiting = await store.QueryAllStoredAsync<PackageDocument>(PackageQueries.OpenOfUnit, buildingId, new QueryArgs { [PackageQueries.UnitId] = unitId, [PackageQueries.State] = PackageQueries.Wire(PackageState.Waiting) }, cancellationToken).ConfigureAwait(false);
        var preferences = await store.ReadAsync<PackagePreferencesDocument>(Containers.Buildings, buildingId, PackagePreferencesDocument.IdFor(unitId), cancellationToken).ConfigureAwait(false);
        return new PickupView(
            unit.Value,
            userId is null ? null : members.FirstOrDefault(m => m.UserId == userId),
            members,
            waiting,
            preferences?.Value ?? PackagePreferencesDocument.Empty(buildingId, unitId));
    }

    private static string NewCode() => string.Create(Length, 0, (span, _) =>
    {
        Span<byte> random = stackalloc byte[Length];
        RandomNumberGenerator.Fill(random);
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = Alphabet[random[i] % Alphabet.Length];
        }
    });
}
