"""Against a real HTTP server: the seed's examples verbatim and 50 concurrent requests."""

import json
import shutil
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from accounts.models import ApiKey
from billing import ledger
from billing.models import LedgerEntry
from photos.models import Job
from tests import images

SEED_URL = "https://painty.cc/api/v1/photo"


@pytest.fixture
def live_key(transactional_db, django_user_model):
    user = django_user_model.objects.create_user("live@example.com", "live@example.com", "pw-12345678")
    return user, ApiKey.issue(user, "live")[1]


@pytest.fixture
def photo_file(tmp_path):
    path = tmp_path / "photo.jpg"
    path.write_bytes(images.jpeg((400, 300)))
    return path


def assert_seed_success(body):
    assert body["status"] == "ok"
    assert isinstance(body["data"]["jobId"], int)
    assert body["data"]["originalUrl"].startswith("http")
    assert body["data"]["resultUrls"]


@pytest.mark.skipif(not shutil.which("curl"), reason="curl is not installed")
def test_the_seed_curl_example_works_verbatim(live_server, live_key, photo_file):
    _, key = live_key
    command = textwrap.dedent(
        """\
        curl -X POST 'https://painty.cc/api/v1/photo' \\
          -H 'Authorization: Bearer YOUR_API_KEY' \\
          -F "prompt=Make the background clean and bright" \\
          -F "image=@/path/to/photo.jpg"
        """
    )
    command = command.replace(SEED_URL, f"{live_server.url}/api/v1/photo")
    command = command.replace("YOUR_API_KEY", key).replace("/path/to/photo.jpg", str(photo_file))
    output = subprocess.run(["bash", "-c", command + " -sS"], capture_output=True, text=True, timeout=60)
    body = json.loads(output.stdout)
    assert_seed_success(body)
    result = requests.get(body["data"]["resultUrls"][0], timeout=10)
    assert result.status_code == 200 and result.headers["Content-Type"] == "image/jpeg"


def test_the_seed_python_example_works_verbatim(live_server, live_key, photo_file, tmp_path):
    _, key = live_key
    example = textwrap.dedent(
        """\
        import requests

        url = "https://painty.cc/api/v1/photo"
        headers = {"Authorization": f"Bearer YOUR_API_KEY"}
        files = {"image": open("photo.jpg", "rb")}
        data = {"prompt": "Make the background clean and bright"}

        response = requests.post(url, headers=headers, files=files, data=data)
        result = response.json()
        print(result["data"]["resultUrls"][0])
        """
    )
    example = example.replace(SEED_URL, f"{live_server.url}/api/v1/photo").replace("YOUR_API_KEY", key)
    script = tmp_path / "example.py"
    script.write_text(example)
    output = subprocess.run(
        [sys.executable, str(script)], cwd=photo_file.parent, capture_output=True, text=True, timeout=60
    )
    assert output.returncode == 0, output.stderr
    url = output.stdout.strip()
    assert url.startswith(live_server.url + "/files/jobs/")
    assert requests.get(url, timeout=10).status_code == 200


@pytest.mark.skipif(not shutil.which("node"), reason="node is not installed")
def test_the_seed_javascript_example_works_verbatim(live_server, live_key, photo_file, tmp_path):
    _, key = live_key
    example = textwrap.dedent(
        """\
        const formData = new FormData();
        formData.append('prompt', 'Make the background clean and bright');
        formData.append('image', fileInput.files[0]);

        const response = await fetch('https://painty.cc/api/v1/photo', {
          method: 'POST',
          headers: {
            'Authorization': 'Bearer YOUR_API_KEY',
          },
          body: formData,
        });

        const data = await response.json();
        console.log('Result:', data.data.resultUrls[0]);
        """
    )
    example = example.replace(SEED_URL, f"{live_server.url}/api/v1/photo").replace("YOUR_API_KEY", key)
    # In a browser `fileInput` is an <input type=file>; here it is the same shape built from a file.
    # File comes from node:buffer: Node 18 (Debian 12's nodejs, which .ci/run installs) has no global File.
    prelude = (
        "import { readFileSync } from 'node:fs';\n"
        "import { File } from 'node:buffer';\n"
        f"const fileInput = {{ files: [new File([readFileSync({json.dumps(str(photo_file))})], 'photo.jpg', "
        "{ type: 'image/jpeg' })] };\n"
    )
    script = tmp_path / "example.mjs"
    script.write_text(prelude + example)
    output = subprocess.run(["node", str(script)], capture_output=True, text=True, timeout=60)
    assert output.returncode == 0, output.stderr
    assert output.stdout.startswith("Result: " + live_server.url + "/files/jobs/")


def test_fifty_concurrent_requests_never_overdraw_ten_credits(live_server, live_key):
    user, key = live_key
    body = images.jpeg((200, 150))

    def call(_):
        response = requests.post(
            f"{live_server.url}/api/v1/photo",
            headers={"Authorization": f"Bearer {key}"},
            files={"image": ("p.jpg", body, "image/jpeg")},
            data={"prompt": "Make the background clean and bright"},
            timeout=120,
        )
        return response.status_code, response.json()

    with ThreadPoolExecutor(max_workers=25) as pool:
        outcomes = list(pool.map(call, range(50)))

    statuses = [status for status, _ in outcomes]
    assert statuses.count(200) == 10, statuses
    assert statuses.count(402) == 40
    assert all(b["error"]["code"] == "insufficient_credits" for s, b in outcomes if s == 402)
    assert ledger.balance_of(user) == 0
    assert ledger.account_for(user).ledger_sum() == 0
    assert Job.objects.filter(user=user, status=Job.Status.SUCCEEDED).count() == 10
    assert LedgerEntry.objects.filter(account__user=user, kind="job").count() == 10
