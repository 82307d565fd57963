namespace LoftsDesArts.Core.Storage;

public static class ChangeSignals
{
    /// <summary>
    /// Tells every listener a commit happened. The write is already committed: a failing listener must
    /// not turn it into an error, so its exception goes to <paramref name="onFailure"/> (the adapter logs it).
    /// </summary>
    public static void NotifyAll(IReadOnlyList<IChangeSignal> signals, ContainerSpec container, Action<Exception> onFailure)
    {
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(onFailure);
        foreach (var signal in signals)
        {
            try
            {
                signal.NotifyCommitted(container);
            }
#pragma warning disable CA1031 // See the summary: a listener's failure is reported, never thrown.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                onFailure(ex);
            }
        }
    }
}
