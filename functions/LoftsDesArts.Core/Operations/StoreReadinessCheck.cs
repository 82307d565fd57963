using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Operations;

/// <summary>Ready when a point read against the store answers (a missing document is an answer).</summary>
public sealed class StoreReadinessCheck(IDocumentStore store) : IReadinessCheck
{
    public string Name => "store";

    public async Task<ReadinessResult> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            await store.ReadAsync<Probe>(Containers.Leases, "readiness-probe", "readiness-probe", cancellationToken).ConfigureAwait(false);
            return new ReadinessResult(true, "ok");
        }
#pragma warning disable CA1031 // Any failure means "not ready"; the detail names the exception type only.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return new ReadinessResult(false, ex.GetType().Name);
        }
    }

    private sealed record Probe : Document
    {
        public override string Type => "probe";
    }
}
