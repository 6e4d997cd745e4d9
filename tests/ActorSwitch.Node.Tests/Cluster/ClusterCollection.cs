namespace ActorSwitch.Node.Tests.Cluster;

/// <summary>
/// The cluster tests (three node processes and PostgreSQL) run one at a time, after the rest of this
/// assembly, so that their load does not starve the tests whose rules are about seconds (velocity
/// windows, key renewal) on a 2-core machine.
/// </summary>
[CollectionDefinition("cluster", DisableParallelization = true)]
public sealed class ClusterCollection;
