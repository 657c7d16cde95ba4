"""`sinkc run --chat`: the template family is recognized from the model's
template string and the prompt wrapped as a user turn."""


def test_smollm2_answers_a_question(compiled, smollm2_gguf, sinkc):
    pkg = compiled(smollm2_gguf, "smollm2")
    proc = sinkc("run", pkg, "--chat", "--prompt", "What is the capital of France?",
                 "-n", 48, "--temp", 0)
    assert "Paris" in proc.stdout
    assert "stopped by: end of sequence" in proc.stderr  # the model ends its turn
    # The user turn in ChatML: 16 tokens, not the 8 of the bare question.
    assert "prompt tokens: 16" in proc.stderr


def test_a_model_without_a_known_template_is_a_clear_error(tiny_gguf, compiled, sinkc):
    pkg = compiled(tiny_gguf("f32"), "tiny-f32")
    proc = sinkc("run", pkg, "--chat", "--prompt", "hi", "-n", 2, check=False)
    assert proc.returncode == 1
    assert "--chat:" in proc.stderr and "use --prompt" in proc.stderr
    proc = sinkc("run", pkg, "--system", "be brief", "--prompt", "hi", check=False)
    assert proc.returncode == 1 and "--system needs --chat" in proc.stderr
