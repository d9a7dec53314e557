namespace T; public class SmokeTests { [Fact] public void Runs() => Assert.True(true); }
