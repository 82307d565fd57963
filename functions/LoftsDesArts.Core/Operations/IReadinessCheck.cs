namespace LoftsDesArts.Core.Operations;

public sealed record ReadinessResult(bool Ready, string Detail);

/// <summary>One dependency the portal needs to serve requests (the store, the change-feed pump).</summary>
public interface IReadinessCheck
{
    string Name { get; }

    Task<ReadinessResult> CheckAsync(CancellationToken cancellationToken);
}
