console.log("rehearsal-test-asset");
