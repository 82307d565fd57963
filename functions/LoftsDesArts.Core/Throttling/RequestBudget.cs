using LoftsDesArts.Core.Common;

namespace LoftsDesArts.Core.Throttling;

/// <summary>
/// Fixed-window request budgets per scope and key (a client address, a unit). Exceeding one answers
/// "too many attempts" with the time left in the window; nothing is locked for longer than that.
/// </summary>
public sealed class RequestBudget(CounterStore counters, TimeProvider clock)
{
    public async Task SpendAsync(string scope, string key, int limit, TimeSpan window, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var windowIndex = now.ToUnixTimeMilliseconds() / (long)window.TotalMilliseconds;
        var windowEnd = DateTimeOffset.FromUnixTimeMilliseconds((windowIndex + 1) * (long)window.TotalMilliseconds);
        var counterKey = CounterStore.Key("budget", scope, key, windowIndex.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var count = await counters.IncrementAsync(counterKey, window, cancellationToken).ConfigureAwait(false);
        if (count > limit)
        {
            throw new DomainException(ErrorKind.Throttled, "throttled", Texts.Errors.Throttled)
            {
                RetryAfter = windowEnd - now,
            };
        }
    }
}
