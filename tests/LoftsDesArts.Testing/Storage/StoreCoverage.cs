using System.Reflection;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace LoftsDesArts.Testing.Storage;

/// <summary>What the document-store contract checks, one capability per group of tests.</summary>
public enum StoreCapability
{
    /// <summary>Create, read, replace, upsert, delete; 409 on create, 404 on a missing replace/delete.</summary>
    Crud,

    /// <summary>ETag optimistic concurrency: 412 on a stale ETag, a new ETag on every write.</summary>
    ETags,

    /// <summary>The same id in two partitions; a single-partition query never leaves its partition.</summary>
    PartitionIsolation,

    /// <summary>Each filter operator of a named query, and the document type filter.</summary>
    QueryFilters,

    /// <summary>One sort, ascending and descending, with id as the tiebreaker.</summary>
    QuerySort,

    /// <summary>Continuation paging: no duplicates, no gaps, no token on the last page.</summary>
    QueryPaging,

    /// <summary>Soft-deleted and import-staged documents are hidden from queries, visible to point reads.</summary>
    HiddenDocuments,

    /// <summary>Per-document TTL: expired documents are gone from reads, queries and the change feed.</summary>
    Ttl,

    /// <summary>Transactional batch: all or nothing, the failing index, the 100-operation limit.</summary>
    Batch,

    /// <summary>Change feed: from the beginning, from a continuation, collapsed versions, order within a partition.</summary>
    ChangeFeed,

    /// <summary>Instants round-trip and sort as fixed-width UTC strings.</summary>
    Instants,
}

/// <summary>How an adapter's capability is covered by tests (DESIGN §3.6).</summary>
public enum CoverageLevel
{
    /// <summary>Not covered by any test.</summary>
    None,

    /// <summary>The contract runs against the real thing (SQLite, a real Cosmos account).</summary>
    Real,

    /// <summary>The contract runs against an emulator.</summary>
    Emulator,

    /// <summary>Covered elsewhere by checking the generated query text.</summary>
    SqlText,

    /// <summary>Covered elsewhere by tests against a mocked SDK.</summary>
    Mock,
}

/// <summary>
/// Declared on a concrete contract test class: how it covers some capabilities (all of them when none
/// are named). The contract's tests of a capability run only when it is <see cref="CoverageLevel.Real"/>
/// or <see cref="CoverageLevel.Emulator"/>; otherwise they are not generated at all, and
/// <see cref="Where"/> names the tests that cover it instead.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
public sealed class StoreCoverageAttribute(CoverageLevel level, params StoreCapability[] capabilities) : Attribute
{
    public CoverageLevel Level { get; } = level;

    public IReadOnlyList<StoreCapability> Capabilities { get; } = capabilities;

    /// <summary>For <see cref="CoverageLevel.SqlText"/> and <see cref="CoverageLevel.Mock"/>: the test class that covers it.</summary>
    public string? Where { get; init; }

    /// <summary>The declaration for one capability on <paramref name="testClass"/>: a named declaration wins over an "all" one.</summary>
    public static StoreCoverageAttribute? For(Type testClass, StoreCapability capability)
    {
        var declared = testClass.GetCustomAttributes<StoreCoverageAttribute>(inherit: true).ToList();
        return declared.FirstOrDefault(d => d.Capabilities.Contains(capability))
            ?? declared.FirstOrDefault(d => d.Capabilities.Count == 0);
    }

    public static bool Runs(Type testClass, StoreCapability capability) =>
        For(testClass, capability)?.Level is CoverageLevel.Real or CoverageLevel.Emulator;
}

/// <summary>
/// Declared on a concrete contract test class whose capability runs (real or emulator) except for one
/// contract test that this adapter's backend cannot pass for a reason outside the adapter (an emulator's
/// bug, for example): that test is not generated there, and the coverage table names it, the reason and
/// <see cref="Where"/> its behaviour is covered instead.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
public sealed class ContractTestExcludedAttribute(string test, string reason) : Attribute
{
    public string Test { get; } = test;

    public string Reason { get; } = reason;

    /// <summary>The tests that cover the excluded behaviour for this adapter.</summary>
    public required string Where { get; init; }

    public static ContractTestExcludedAttribute? For(Type testClass, string test) =>
        testClass.GetCustomAttributes<ContractTestExcludedAttribute>(inherit: true).FirstOrDefault(e => e.Test == test);
}

/// <summary>
/// Declared on a contract test class that runs against an outside service only when asked: when
/// <see cref="EnvironmentVariable"/> is unset, its contract tests are reported as skipped with a message
/// naming the variable (never run against anything else, never passed), and no store is created. This is
/// the only reason a contract test is ever skipped.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class OptInLaneAttribute(string environmentVariable, string howToRun) : Attribute
{
    public string EnvironmentVariable { get; } = environmentVariable;

    public string HowToRun { get; } = howToRun;

    /// <summary>The skip message when the lane was not requested, or null when it was.</summary>
    public static string? NotRequested(Type testClass)
    {
        var lane = testClass.GetCustomAttribute<OptInLaneAttribute>(inherit: true);
        return lane is null || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(lane.EnvironmentVariable))
            ? null
            : $"Lane not requested: {lane.EnvironmentVariable} is not set, so this contract test did not run (it did not pass). {lane.HowToRun}";
    }
}

/// <summary>A contract test of one capability; generated only where the adapter runs that capability for real or on an emulator.</summary>
[XunitTestCaseDiscoverer("LoftsDesArts.Testing.Storage.ContractFactDiscoverer", "LoftsDesArts.Testing")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ContractFactAttribute(StoreCapability capability) : FactAttribute
{
    public StoreCapability Capability { get; } = capability;
}

/// <summary>Generates a <see cref="ContractFactAttribute"/> test only for the classes whose declared coverage runs it.</summary>
public sealed class ContractFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var method = testMethod.Method.ToRuntimeMethod();
        var testClass = testMethod.TestClass.Class.ToRuntimeType();
        var capability = method.GetCustomAttribute<ContractFactAttribute>()!.Capability;
        if (!StoreCoverageAttribute.Runs(testClass, capability) || ContractTestExcludedAttribute.For(testClass, method.Name) is not null)
        {
            return [];
        }

        if (OptInLaneAttribute.NotRequested(testClass) is { } notRequested)
        {
            return [new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, notRequested)];
        }

        return base.Discover(discoveryOptions, testMethod, factAttribute);
    }
}
