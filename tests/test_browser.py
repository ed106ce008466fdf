"""The real interface: JupyterLab in headless Chromium runs notebook 02 through the UI without errors.

Needs Debian's ``chromium`` and ``chromium-driver`` (``.ci/run`` installs them with apt; locally:
``sudo apt-get install chromium chromium-driver``). Selenium drives them through the system
chromedriver, so nothing is downloaded by the test tool. Skipped, with the reason, where Chromium is
missing. A screenshot is saved under ``test-artifacts/``.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

from analysis.paths import repo_root

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
NOTEBOOK = "notebooks/02_term_frequencies.ipynb"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not (CHROMIUM and DRIVER),
                       reason="Chromium and chromedriver not installed (apt-get install chromium chromium-driver)"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def lab(tmp_path):
    port, token = _free_port(), uuid.uuid4().hex
    env = {**os.environ, "ANALYSIS_FIGURES_DIR": str(tmp_path / "figures"), "MPLBACKEND": "Agg",
           "JUPYTER_CONFIG_DIR": str(tmp_path / "jupyter-config"), "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")}
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
           f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={repo_root()}",
           "--LabApp.expose_app_in_browser=True", *(["--allow-root"] if os.geteuid() == 0 else []), "--ServerApp.disable_check_xsrf=False",
           "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
           "--LabServerApp.workspaces_dir=" + str(tmp_path / "workspaces")]
    log = (tmp_path / "lab.log").open("w")
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=repo_root())
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=1)
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail("JupyterLab exited: " + (tmp_path / "lab.log").read_text()[-2000:])
                time.sleep(0.5)
        yield url, token
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        # the UI saves the notebook it ran; keep the committed copy clean
        subprocess.run(["git", "checkout", "--", NOTEBOOK], cwd=repo_root(), capture_output=True)


def test_notebook_02_runs_in_jupyterlab_in_chromium(lab, tmp_path):
    os.environ.setdefault("SE_OFFLINE", "true")       # Selenium Manager must not try to download a driver
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    url, token = lab
    nb_js = ("const nb = Array.from(window.jupyterapp.shell.widgets('main')).find("
             "w => w.context && w.context.path.endsWith('02_term_frequencies.ipynb'));")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage",
                f"--user-data-dir={tmp_path / 'chromium-profile'}", "--window-size=1400,1000"):
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=Service(DRIVER), options=opts)
    artifacts = repo_root() / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    try:
        driver.get(f"{url}/lab/tree/{NOTEBOOK}?token={token}")
        wait = WebDriverWait(driver, 120)
        wait.until(lambda d: d.execute_script(
            "if (!window.jupyterapp) return false;" + nb_js +
            "return !!(nb && nb.sessionContext.session && nb.sessionContext.session.kernel"
            " && nb.sessionContext.session.kernel.status === 'idle' && nb.content.widgets.length > 0);"))
        driver.find_element(By.CSS_SELECTOR, ".jp-Notebook .jp-Cell").click()      # focus the notebook
        # Run > Run All Cells, through the menu bar as a user would
        driver.find_element(By.XPATH, "//li[contains(@class,'lm-MenuBar-item')][.//div[text()='Run']]").click()
        WebDriverWait(driver, 20).until(lambda d: d.find_elements(
            By.XPATH, "//li[contains(@class,'lm-Menu-item')][.//div[contains(@class,'lm-Menu-itemLabel')]"
                      "[text()='Run All Cells']]"))
        driver.find_element(By.XPATH, "//li[contains(@class,'lm-Menu-item')][.//div[contains(@class,"
                                      "'lm-Menu-itemLabel')][text()='Run All Cells']]").click()
        done = (nb_js + "const cells = nb.content.model.cells; let ok = true;"
                "for (let i = 0; i < cells.length; i++) { const c = cells.get(i);"
                "  if (c.type === 'code' && (c.executionCount === null || c.executionCount === undefined)) ok = false; }"
                "return ok && nb.sessionContext.session.kernel.status === 'idle';")
        WebDriverWait(driver, 300, poll_frequency=1).until(lambda d: d.execute_script(done))
        errors = driver.execute_script(
            nb_js + "const cells = nb.content.model.cells; const out = [];"
            "for (let i = 0; i < cells.length; i++) { const c = cells.get(i); if (c.type !== 'code') continue;"
            "  for (let j = 0; j < c.outputs.length; j++) { const o = c.outputs.get(j).toJSON();"
            "    if (o.output_type === 'error') out.push(i + ': ' + o.ename + ': ' + o.evalue); } }"
            "return out;")
        n_code = driver.execute_script(
            nb_js + "const cells = nb.content.model.cells; let n = 0;"
            "for (let i = 0; i < cells.length; i++) if (cells.get(i).type === 'code') n++; return n;")
        shown = driver.find_elements(By.CSS_SELECTOR, ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'] .jp-RenderedText")
        driver.save_screenshot(str(artifacts / "jupyterlab_02_term_frequencies.png"))
        assert n_code >= 5
        assert errors == [], errors
        assert not [e for e in shown if "Traceback" in e.text]
        assert (tmp_path / "figures" / "02_top_terms.png").exists()    # the UI run saved its figures
    finally:
        driver.quit()
