namespace ActorSwitch.Security.Tests;
