using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Throttling;

namespace LoftsDesArts.Core.Identity;

/// <summary>
/// Progressive delays for guessing (DESIGN §5): per account and client address, and per client
/// address alone. After a few free failures each further attempt must wait twice as long as the
/// previous one, capped at 15 minutes — never a lockout, and an attacker elsewhere cannot slow the
/// front desk's own terminal. Counters live in the store, shared by every instance.
/// </summary>
public sealed class SignInThrottle(CounterStore counters, TimeProvider clock)
{
    private static readonly TimeSpan Memory = TimeSpan.FromHours(1);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(15);
    private const int FreeFailuresPerAccount = 3;
    private const int FreeFailuresPerAddress = 20;

    /// <summary>Throws a throttled error when the caller must still wait.</summary>
    public async Task EnsureAllowedAsync(string scope, string subject, string clientAddress, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var wait = TimeSpan.Zero;
        var account = await counters.ReadAsync(AccountKey(scope, subject, clientAddress), cancellationToken).ConfigureAwait(false);
        if (account is not null)
        {
            wait = Max(wait, Remaining(account, FreeFailuresPerAccount, now));
        }

        var address = await counters.ReadAsync(AddressKey(scope, clientAddress), cancellationToken).ConfigureAwait(false);
        if (address is not null)
        {
            wait = Max(wait, Remaining(address, FreeFailuresPerAddress, now));
        }

        if (wait > TimeSpan.Zero)
        {
            throw new DomainException(ErrorKind.Throttled, "throttled", IdentityTexts.TooManyAttempts) { RetryAfter = wait };
        }
    }

    public async Task RecordFailureAsync(string scope, string subject, string clientAddress, CancellationToken cancellationToken)
    {
        await counters.IncrementAsync(AccountKey(scope, subject, clientAddress), Memory, cancellationToken).ConfigureAwait(false);
        await counters.IncrementAsync(AddressKey(scope, clientAddress), Memory, cancellationToken).ConfigureAwait(false);
    }

    public Task RecordSuccessAsync(string scope, string subject, string clientAddress, CancellationToken cancellationToken) =>
        counters.ResetAsync(AccountKey(scope, subject, clientAddress), cancellationToken);

    /// <summary>The delay owed after <paramref name="failures"/> failures: 0 while free, then 1 s, 2 s, 4 s… up to 15 min.</summary>
    public static TimeSpan DelayAfter(long failures, int free)
    {
        if (failures < free)
        {
            return TimeSpan.Zero;
        }

        var exponent = Math.Min(failures - free, 20);
        var seconds = Math.Pow(2, exponent);
        return TimeSpan.FromSeconds(Math.Min(seconds, MaxDelay.TotalSeconds));
    }

    private static TimeSpan Remaining(CounterDocument counter, int free, DateTimeOffset now)
    {
        var until = counter.UpdatedAt + DelayAfter(counter.Count, free);
        return until > now ? until - now : TimeSpan.Zero;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string AccountKey(string scope, string subject, string clientAddress) => CounterStore.Key("signin-account", scope, subject, clientAddress);

    private static string AddressKey(string scope, string clientAddress) => CounterStore.Key("signin-address", scope, clientAddress);
}
