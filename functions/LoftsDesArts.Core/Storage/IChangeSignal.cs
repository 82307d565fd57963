namespace LoftsDesArts.Core.Storage;

/// <summary>
/// Raised after a local commit so the self-host pump can react within milliseconds instead of
/// polling; in Azure the equivalent is a Storage-queue nudge.
/// </summary>
public interface IChangeSignal
{
    void NotifyCommitted(ContainerSpec container);
}
