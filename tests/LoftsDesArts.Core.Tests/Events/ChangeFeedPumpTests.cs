using System.Collections.Concurrent;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Events;
using LoftsDesArts.Core.Storage;
using LoftsDesArts.Testing.Events;
using LoftsDesArts.Testing.Support;

namespace LoftsDesArts.Core.Tests.Events;

public sealed class ChangeFeedPumpTests(TempFolder folder) : IClassFixture<TempFolder>
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(20);
    private static readonly ContainerSpec Buildings = Containers.Buildings;

    [Fact]
    public async Task DrainAsync_EventsAcrossPagesAndPartitions_HandedOverInCommitOrderOnce()
    {
        using var bed = await PumpTestbed.CreateAsync(folder.NewSubfolder());
        var handler = new RecordingFeedHandler("orders", Buildings);
        var pump = bed.NewPump([handler], PumpTestbed.FastOptions(pageSize: 7));
        var written = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            var building = i % 3 == 0 ? "b-2" : "b-1";
            written.Add((await bed.WriteEventAsync(building, $"pkg-{i:00}", "package.arrived")).Id);
            if (i % 4 == 0)
            {
                await bed.Store.CreateAsync(Buildings, building, $"note-{i}", new NoteDocument { Id = $"note-{i}", BuildingId = building }, default);
            }
        }

        var first = await pump.DrainAsync();
        var second = await pump.DrainAsync();

        Assert.Equal(written, handler.HandledIds);
        Assert.Equal(30, first.Handled);
        Assert.Equal(DrainOutcome.Drained, Assert.Single(first.Ranges).Outcome);
        Assert.Equal(DrainOutcome.Idle, Assert.Single(second.Ranges).Outcome);
        Assert.Equal(30, handler.Calls.Count);
    }

    [Fact]
    public async Task DrainAsync_HandlerWantsSomeKinds_OnlyThoseHandedOverAndTheRestSkipped()
    {
        using var bed = await PumpTestbed.CreateAsync(folder.NewSubfolder());
        var packages = new RecordingFeedHandler("package-mail", Buildings, kind => kind.StartsWith("package.", StringComparison.Ordinal));
        var registrations = new RecordingFeedHandler("registration-mail", Buildings, kind => kind == "registration.submitted");
        var pump = bed.NewPump([packages, registrations]);

        var arrived = await bed.WriteEventAsync("b-1", "pkg-1", "package.arrived");
        var submitted = await bed.WriteEventAsync("b-1", "reg-1", "registration.submitted");
        var approved = await bed.WriteEventAsync("b-1", "reg-1", "registration.approved");
        var picked = await bed.WriteEventAsync("b-1", "pkg-1", "package.picked-up");
        var withdrawn = EventDocument.ForBuilding("b-1", "pkg-2", "package.arrived", bed.Clock.GetUtcNow()) with { Deleted = true };
        await bed.Store.CreateAsync(Buildings, "b-1", withdrawn.Id, withdrawn, default);
        await bed.Store.CreateAsync(Buildings, "b-1", "note-1", new NoteDocument { Id = "note-1", BuildingId = "b-1" }, default);

        await pump.DrainAsync();

        Assert.Equal([arrived.Id, picked.Id], packages.HandledIds);
        Assert.Equal([submitted.Id], registrations.HandledIds);
        Assert.DoesNotContain(approved.Id, packages.Calls.Concat(registrations.Calls));
        Assert.DoesNotContain(withdrawn.Id, packages.Calls);
    }

    [Fact]
    public async Task DrainAsync_TwoPumpsOnOneCursor_SecondBacksOffWhileFirstHoldsIt()
    {
        using var bed = await PumpTestbed.CreateAsync(folder.NewSubfolder());
        var shared = new ConcurrentQueue<EventDocument>();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handlerA = new RecordingFeedHandler("mail", Buildings) { Handled = shared };
        handlerA.OnHandle = async (_, ct) =>
        {
            entered.TrySetResult();
            await release.Task.WaitAsync(ct);
        };
        var handlerB = new RecordingFeedHandler("mail", Buildings) { Handled = shared };
        var pumpA = bed.NewPump([handlerA]);
        var pumpB = bed.NewPump([handlerB]);
        var events = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            events.Add((await bed.WriteEventAsync("b-1", $"pkg-{i}", "package.arrived")).Id);
        }

        var drainA = pumpA.DrainAsync();
        await entered.Task.WaitAsync(HangGuard);
        var drainB = await pumpB.DrainAsync();
        release.SetResult();
        var reportA = await drainA;

        Assert.Equal(DrainOutcome.Busy, Assert.Single(drainB.Ranges).Outcome);
        Assert.Empty(handlerB.Calls);
        Assert.Equal(DrainOutcome.Drained, Assert.Single(reportA.Ranges).Outcome);
        Assert.Equal(events, shared.Select(e => e.Id));
    }

    [Fact]
    public async Task DrainAsync_TwoPumpsRacingWhileEventsArrive_EachEventHandledOnce()
    {
        using var bed = await PumpTestbed.CreateAsync(folder.NewSubfolder());
        var shared = new ConcurrentQueue<EventDocument>();
        RecordingFeedHandler Racer() => new("mail", Buildings) { Handled = shared, OnHandle = async (_, _) => await Task.Yield() };
        var pumpA = bed.NewPump([Racer()], PumpTestbed.FastOptions(pageSize: 3));
        var pumpB = bed.NewPump([Racer()], PumpTestbed.FastOptions(pageSize: 3));
        var written = new List<string>();
        var outcomes = new List<DrainOutcome>();

        for (var round = 0; round < 20; round++)
        {
            for (var i = 0; i < 4; i++)
            {
                written.Add((await bed.WriteEventAsync(round % 2 == 0 ? "b-1" : "b-2", $"pkg-{round}-{i}", "package.arrived")).Id);
            }

            var reports = await Task.WhenAll(Task.Run(() => pumpA.DrainAsync()), Task.Run(() => pumpB.DrainAsync()));
            outcomes.AddRange(reports.SelectMany(r => r.Ranges).Select(r => r.Outcome));
        }

        await pumpA.DrainAsync();

        var handled = shared.Select(e => e.Id).ToList();
        Assert.Equal(written.Count, handled.Count);
        Assert.Equal(written.Order(StringComparer.Ordinal), handled.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(DrainOutcome.Faulted, outcomes);
        // They did race: in 20 rounds one pump found the cursor held (Busy) or moved (Lost) by the other
        // (observed: Busy in 16-20 rounds of 20, Lost in 0-2).
        Assert.Contains(outcomes, o => o is DrainOutcome.Busy or DrainOutcome.Lost);
    }

    [Fact]
    public async Task DrainAsync_NewPumpInstanceAfterRestart_ContinuesWhereTheOldStopped()
    {
        using var bed = await PumpTestbed.CreateAsync(folder.NewSubfolder());
        var before = new RecordingFeedHandler("mail", Buildings);
        var first = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            first.Add((await bed.WriteEventAsync("b-1", $"pkg-{i}", "package.arrived")).Id);
        }

        await bed.NewPump([before]).DrainAsync();
        var later = new List<string>();
        for (var i = 3; i < 5; i++)
        {
            later.Add((await bed.WriteEventAsync("b-1", $"pkg-{i}", "package.arrived")).Id);
        }

        var after = new RecordingFeedHandler("mail", Buildings);
        await bed.NewPump([after]).DrainAsync();

        Assert.Equal(first, before.HandledIds);
        Assert.Equal(later, after.HandledIds);
    }

    [Fact]
    public async Task DrainAsync_StoppedMidPage_NextInstanceReplaysOnlyTheUnsavedPage()
    {
        using var bed = await PumpTestbed.CreateAsync(folder.NewSubfolder());
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await bed.WriteEventAsync("b-1", $"pkg-{i}", "package.arrived")).Id);
        }

        using var stop = new CancellationTokenSource();
        var old = new RecordingFeedHandler("mail", Buildings);
        old.OnHandle = (evt, _) =>
        {
            if (evt.Id == ids[3])
            {
                stop.Cancel(); // Shutdown while the second page (events 2 and 3) is half handled.
            }

            return Task.CompletedTask;
        };
        var oldPump = bed.NewPump([old], PumpTestbed.FastOptions(pageSize: 2));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => oldPump.DrainAsync(stop.Token));

        var next = new RecordingFeedHandler("mail", Buildings);
        await bed.NewPump([next], PumpTestbed.FastOptions(pageSize: 2)).DrainAsync();

        Assert.Equal(ids[..4], old.HandledIds);
        Assert.Equal(ids[2..], next.HandledIds);
    }

    [Fact]
    public async Task DrainAsync_CursorLeasedByAnInstanceThatDied_TakenOverOnceTheLeaseExpires()
    {
        using var bed = await PumpTestbed.CreateAsync(folder.NewSubfolder());
        var evt = await bed.WriteEventAsync("b-1", "pkg-1", "package.arrived");
        var cursorId = PumpCursorDocument.IdFor("mail", Buildings.Name, "0");
        var lease = TimeSpan.FromSeconds(60);
        await bed.Store.CreateAsync(Containers.Leases, cursorId, cursorId, new PumpCursorDocument
        {
            Id = cursorId,
            Handler = "mail",
            Container = Buildings.Name,
            FeedRange = "0",
            Owner = "instance-that-died",
            LeaseUntil = bed.Clock.GetUtcNow() + lease,
            UpdatedAt = bed.Clock.GetUtcNow(),
        }, default);
        var handler = new RecordingFeedHandler("mail", Buildings);
        var pump = bed.NewPump([handler], new PumpOptions { RetryDelay = TimeSpan.Zero, LeaseDuration = lease });

        var whileLeased = await pump.DrainAsync();
        bed.Clock.Advance(lease + TimeSpan.FromSeconds(1));
        var afterExpiry = await pump.DrainAsync();

        Assert.Equal(DrainOutcome.Busy, Assert.Single(whileLeased.Ranges).Outcome);
        Assert.Equal(DrainOutcome.Drained, Assert.Single(afterExpiry.Ranges).Outcome);
        Assert.Equal([evt.Id], handler.HandledIds);
    }

    [Fact]
    public async Task DrainAsync_HandlerFailsOnceThenSucceeds_HandledWithoutDeadLetter()
    {
        using var bed = await PumpTestbed.CreateAsync(folder.NewSubfolder());
        var failures = 0;
        var handler = new RecordingFeedHandler("mail", Buildings)
        {
            OnHandle = (_, _) => Interlocked.Increment(ref failures) == 1 ? throw new TimeoutException("provider slow") : Task.CompletedTask,
        };
        var pump = bed.NewPump([handler]);
        using var metrics = new MeterCapture(pump.Metrics.Meter);
        var evt = await bed.WriteEventAsync("b-1", "pkg-1", "package.arrived");

        var report = await pump.DrainAsync();

        Assert.Equal([evt.Id], handler.HandledIds);
        Assert.Equal(0, report.DeadLettered);
        Assert.Single(metrics.Of("lda.pump.events.failures"));
        Assert.Null(await bed.Store.ReadAsync<DeadLetterDocument>(Containers.Leases, DeadLetterDocument.IdFor("mail", evt.Id), DeadLetterDocument.IdFor("mail", evt.Id), default));
    }

    [Fact]
    public async Task DrainAsync_HandlerKeepsFailingOnOneEvent_DeadLetterSetAsideAndLaterEventsHandled()
    {
        using var bed = await PumpTestbed.CreateAsync(folder.NewSubfolder());
        var before = await bed.WriteEventAsync("b-1", "pkg-1", "package.arrived");
        var poison = await bed.WriteEventAsync("b-1", "pkg-2", "package.arrived");
        var after = await bed.WriteEventAsync("b-1", "pkg-3", "package.arrived");
        var handler = new RecordingFeedHandler("mail", Buildings)
        {
            OnHandle = (evt, _) => evt.Id == poison.Id
                ? throw new InvalidOperationException("Mailbox jean.tremblay@example.test refused; call 514-555-0199")
                : Task.CompletedTask,
        };
        var pump = bed.NewPump([handler]);
        using var metrics = new MeterCapture(pump.Metrics.Meter);

        var report = await pump.DrainAsync();
        var again = await pump.DrainAsync();

        Assert.Equal([before.Id, after.Id], handler.HandledIds);
        Assert.Equal(3, handler.Calls.Count(id => id == poison.Id));
        Assert.Equal(1, report.DeadLettered);
        Assert.Equal(DrainOutcome.Idle, Assert.Single(again.Ranges).Outcome);

        var id = DeadLetterDocument.IdFor("mail", poison.Id);
        var letter = (await bed.Store.ReadAsync<DeadLetterDocument>(Containers.Leases, id, id, default))!.Value;
        Assert.Equal($"dead:mail:{poison.Id}", letter.Id);
        Assert.Equal(("mail", "buildings", "b-1", poison.Id, "package.arrived", "b-1"), (letter.Handler, letter.Container, letter.PartitionKey, letter.EventId, letter.EventKind, letter.BuildingId));
        Assert.Equal(3, letter.Attempts);
        Assert.Equal(typeof(InvalidOperationException).FullName, letter.ErrorType);
        Assert.Equal("Mailbox [email] refused; call [number]", letter.ErrorMessage);
        Assert.Equal(bed.Clock.GetUtcNow(), letter.LastFailedAt);
        Assert.NotNull(letter.Ttl);
        var counted = Assert.Single(metrics.Of("lda.pump.dead_letters"));
        Assert.Equal("mail", counted.Tag("handler"));
    }

    [Fact]
    public async Task DrainAsync_EventBodyUnreadable_SetAsideWithoutAttempts()
    {
        using var bed = await PumpTestbed.CreateAsync(folder.NewSubfolder());
        var broken = new System.Text.Json.Nodes.JsonObject
        {
            ["id"] = "pkg-9:package.arrived",
            ["type"] = EventDocument.DocumentType,
            ["buildingId"] = "b-1",
            ["occurredAt"] = "not a date",
        };
        await bed.Store.CreateAsync(Buildings, "b-1", "pkg-9:package.arrived", broken, default);
        var next = await bed.WriteEventAsync("b-1", "pkg-10", "package.arrived");
        var handler = new RecordingFeedHandler("mail", Buildings);

        await bed.NewPump([handler]).DrainAsync();

        Assert.Equal([next.Id], handler.HandledIds);
        var id = DeadLetterDocument.IdFor("mail", "pkg-9:package.arrived");
        var letter = (await bed.Store.ReadAsync<DeadLetterDocument>(Containers.Leases, id, id, default))!.Value;
        Assert.Equal(0, letter.Attempts);
        Assert.Null(letter.EventKind);
    }

    [Fact]
    public async Task RetryAsync_HandlerSucceedsNow_HandledFromStoreAndDeadLetterDeleted()
    {
        using var bed = await PumpTestbed.CreateAsync(folder.NewSubfolder());
        var broken = true;
        var handler = new RecordingFeedHandler("mail", Buildings)
        {
            OnHandle = (_, _) => broken ? throw new HttpRequestException("503 from provider") : Task.CompletedTask,
        };
        var pump = bed.NewPump([handler]);
        var evt = await bed.WriteEventAsync("b-1", "pkg-1", "package.arrived");
        await pump.DrainAsync();
        var id = DeadLetterDocument.IdFor("mail", evt.Id);

        broken = false;
        var retry = await pump.DeadLetters.RetryAsync("b-1", id, default);

        Assert.Equal(RetryResult.Handled, retry.Result);
        Assert.Equal([evt.Id], handler.HandledIds);
        Assert.Equal(evt, handler.Handled.Single());
        Assert.Null(await bed.Store.ReadAsync<DeadLetterDocument>(Containers.Leases, id, id, default));
        Assert.Empty((await pump.DeadLetters.ListAsync("b-1", null, 10, default)).Items);
    }

    [Fact]
    public async Task RetryAsync_HandlerStillFails_DeadLetterKeptWithMoreAttempts()
    {
        using var bed = await PumpTestbed.CreateAsync(folder.NewSubfolder());
        var handler = new RecordingFeedHandler("mail", Buildings) { OnHandle = (_, _) => throw new TimeoutException("still down") };
        var pump = bed.NewPump([handler]);
        var evt = await bed.WriteEventAsync("b-1", "pkg-1", "package.arrived");
        await pump.DrainAsync();
        var id = DeadLetterDocument.IdFor("mail", evt.Id);
        var firstFailure = bed.Clock.GetUtcNow();
        bed.Clock.Advance(TimeSpan.FromMinutes(5));

        var retry = await pump.DeadLetters.RetryAsync("b-1", id, default);

        Assert.Equal(RetryResult.Failed, retry.Result);
        var letter = retry.DeadLetter!.Value;
        Assert.Equal(6, letter.Attempts);
        Assert.Equal(firstFailure, letter.FirstFailedAt);
        Assert.Equal(bed.Clock.GetUtcNow(), letter.LastFailedAt);
        Assert.Equal(letter, (await bed.Store.ReadAsync<DeadLetterDocument>(Containers.Leases, id, id, default))!.Value);
    }

    [Fact]
    public async Task DeadLetters_OfAnotherBuilding_NeitherListedNorRetried()
    {
        using var bed = await PumpTestbed.CreateAsync(folder.NewSubfolder());
        var handler = new RecordingFeedHandler("mail", Buildings) { OnHandle = (_, _) => throw new TimeoutException("down") };
        var pump = bed.NewPump([handler]);
        var ours = await bed.WriteEventAsync("b-1", "pkg-1", "package.arrived");
        var theirs = await bed.WriteEventAsync("b-2", "pkg-2", "package.arrived");
        await pump.DrainAsync();

        var listed = await pump.DeadLetters.ListAsync("b-1", null, 10, default);
        var retry = () => pump.DeadLetters.RetryAsync("b-1", DeadLetterDocument.IdFor("mail", theirs.Id), default);

        Assert.Equal([DeadLetterDocument.IdFor("mail", ours.Id)], listed.Items.Select(i => i.Value.Id));
        var refused = await Assert.ThrowsAsync<DomainException>(retry);
        Assert.Equal(ErrorKind.NotFound, refused.Kind);
        Assert.Single((await pump.DeadLetters.ListAsync("b-2", null, 10, default)).Items);
    }

    [Fact]
    public async Task DrainAsync_EventHandled_LagRecordedAsHistogramAndLastDrainGauge()
    {
        using var bed = await PumpTestbed.CreateAsync(folder.NewSubfolder());
        var handler = new RecordingFeedHandler("lagging", Buildings);
        var pump = bed.NewPump([handler]);
        using var metrics = new MeterCapture(pump.Metrics.Meter);
        await bed.WriteEventAsync("b-1", "pkg-1", "package.arrived", age: TimeSpan.FromSeconds(3));
        bed.Clock.Advance(TimeSpan.FromSeconds(2));

        await pump.DrainAsync();
        metrics.Observe();
        var gaugeAfterWork = metrics.Of("lda.pump.lag.last").Last(m => m.Tag("handler") == "lagging");
        await pump.DrainAsync();
        metrics.Observe();
        var gaugeWhenCaughtUp = metrics.Of("lda.pump.lag.last").Last(m => m.Tag("handler") == "lagging");

        var lag = Assert.Single(metrics.Of("lda.pump.lag"));
        Assert.Equal(5, lag.Value, precision: 3);
        Assert.Equal(("lagging", "package.arrived"), (lag.Tag("handler"), lag.Tag("kind")));
        Assert.Equal(5, gaugeAfterWork.Value, precision: 3);
        Assert.Equal(0, gaugeWhenCaughtUp.Value);
        Assert.Single(metrics.Of("lda.pump.events.handled"));
    }

    [Fact]
    public async Task PumpReadinessCheck_DrainedRecently_ReadyUntilTheThresholdPasses()
    {
        using var bed = await PumpTestbed.CreateAsync(folder.NewSubfolder());
        var pump = bed.NewPump([new RecordingFeedHandler("mail", Buildings)]);
        var check = new PumpReadinessCheck(pump.Heartbeat, pump.Options, bed.Store, bed.Clock);

        var beforeAnyDrain = await check.CheckAsync(default);
        await pump.DrainAsync();
        var justAfter = await check.CheckAsync(default);
        bed.Clock.Advance(pump.Options.ReadyWithin + TimeSpan.FromSeconds(1));
        var stale = await check.CheckAsync(default);

        Assert.Equal("pump", check.Name);
        Assert.False(beforeAnyDrain.Ready);
        Assert.True(justAfter.Ready);
        Assert.False(stale.Ready);
    }

    [Fact]
    public async Task PumpReadinessCheck_SharedHeartbeat_SeesTheDrainOfAnotherInstance()
    {
        using var bed = await PumpTestbed.CreateAsync(folder.NewSubfolder());
        var options = new PumpOptions { RetryDelay = TimeSpan.Zero, SharedHeartbeat = true, ReadyWithin = TimeSpan.FromSeconds(60) };
        var timerInstance = bed.NewPump([new RecordingFeedHandler("mail", Buildings)], options);
        var otherInstance = bed.NewPump([new RecordingFeedHandler("mail", Buildings)], new PumpOptions { SharedHeartbeat = true, ReadyWithin = TimeSpan.FromSeconds(60) });
        var otherCheck = new PumpReadinessCheck(otherInstance.Heartbeat, otherInstance.Options, bed.Store, bed.Clock);

        var before = await otherCheck.CheckAsync(default);
        await timerInstance.DrainAsync();
        var after = await otherCheck.CheckAsync(default);

        Assert.False(before.Ready);
        Assert.True(after.Ready);
        Assert.Null(otherInstance.Heartbeat.LastDrainAt);
    }
}
