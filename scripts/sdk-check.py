#!/usr/bin/env python3
"""Drives a running pca-order sandbox with Huawei Cloud's official Python SDK.

The sandbox claims to behave like the real CCM, IAM and EPS APIs; the strongest evidence is that the
official SDK, pointed at it, signs requests the sandbox accepts and parses every answer. Exits non-zero on
any failure.

    python3 scripts/sdk-check.py http://127.0.0.1:PORT

Needs `pip install huaweicloudsdkccm` (and `huaweicloudsdkeps` / `huaweicloudsdkbss` for the EPS and
billing checks, each skipped if absent).
The credentials are the sandbox's default, fake ones.
"""

import sys

from huaweicloudsdkcore.auth.credentials import GlobalCredentials
from huaweicloudsdkcore.exceptions import exceptions
from huaweicloudsdkcore.http.http_config import HttpConfig
from huaweicloudsdkcore.region.region import Region
from huaweicloudsdkccm.v1 import (
    CcmClient,
    CreateCertificateAuthorityOrderRequest,
    CreateCertificateAuthorityOrderRequestBody,
    ListCertificateAuthorityRequest,
    ProductInfo,
    ShowCertificateAuthorityQuotaRequest,
    ShowConsoleConfigRequest,
)

AK = "SANDBOXAK0000000000000"
SK = "sandbox-secret-key-0000000000000000000000"
DOMAIN_ID = "0123456789abcdef0123456789abcdef"


def http_config():
    config = HttpConfig.get_default_config()
    config.ignore_ssl_verification = True  # plain http on loopback; nothing to verify
    config.retry_times = 0
    config.timeout = (5, 30)
    return config


def ccm_client(url, credentials):
    return (
        CcmClient.new_builder()
        .with_http_config(http_config())
        .with_credentials(credentials)
        .with_endpoints([url])
        .build()
    )


def order_body():
    return CreateCertificateAuthorityOrderRequestBody(
        cloud_service_type="hws.service.type.ccm",
        charging_mode=0,
        period_type=2,
        period_num=1,
        is_auto_renew=0,
        is_auto_pay=0,
        subscription_num=1,
        enterprise_project_id="0",
        product_infos=[
            ProductInfo(
                cloud_service_type="hws.service.type.ccm",
                resource_type="hws.resource.type.pca.duration",
                resource_spec_code="ca.duration",
            )
        ],
    )


def check(cond, what):
    if not cond:
        raise AssertionError(what)
    print(f"  ok: {what}")


def check_activation(url):
    """Issue 10: order an auto-paid CA, wait out the sandbox's settle time, activate it with
    IssueCertificateAuthorityCertificate, read it back with Show/ListCertificateAuthority."""
    import time

    from huaweicloudsdkccm.v1 import (
        DistinguishedName,
        IssueCertificateAuthorityCertificateRequest,
        IssueCertificateAuthorityCertificateRequestBody,
        ShowCertificateAuthorityRequest,
        Validity,
    )

    client = ccm_client(url, GlobalCredentials(AK, SK, DOMAIN_ID))
    body = order_body()
    body.is_auto_pay = 1
    created = client.create_certificate_authority_order(CreateCertificateAuthorityOrderRequest(body=body))
    ca_id = created.ca_ids[0]
    print(f"Activation: ordered {ca_id} (auto-paid); waiting for the order to complete (sandbox settle 3 s)")
    time.sleep(3.5)

    def activate_body(**overrides):
        fields = dict(
            type="ROOT",
            distinguished_name=DistinguishedName(common_name="SDK Root CA", country="CN", organization="Example"),
            key_algorithm="RSA2048",
            signature_algorithm="SHA256",
            validity=Validity(type="YEAR", value=10),
        )
        fields.update(overrides)
        return IssueCertificateAuthorityCertificateRequestBody(**fields)

    print("IssueCertificateAuthorityCertificate with a 31-year root (must be refused)")
    try:
        client.issue_certificate_authority_certificate(IssueCertificateAuthorityCertificateRequest(
            ca_id=ca_id, body=activate_body(validity=Validity(type="YEAR", value=31))))
        raise AssertionError("a 31-year root was accepted")
    except exceptions.ClientRequestException as e:
        print(f"  {e.status_code} {e.error_code}: {e.error_msg}")
        check(e.status_code == 400 and e.error_code == "PCA.00020109", "400 PCA.00020109")

    print("IssueCertificateAuthorityCertificate (ROOT, RSA2048/SHA256, 10 years)")
    resp = client.issue_certificate_authority_certificate(
        IssueCertificateAuthorityCertificateRequest(ca_id=ca_id, body=activate_body()))
    check(resp.status_code == 204, f"204 (got {resp.status_code})")

    print("ShowCertificateAuthority")
    ca = client.show_certificate_authority(ShowCertificateAuthorityRequest(ca_id=ca_id))
    check(ca.status == "ACTIVED", f"status {ca.status}")
    check(bool(ca.serial_number), f"serial number {ca.serial_number}")
    check(ca.not_after > ca.not_before > 0, f"not_before {ca.not_before} < not_after {ca.not_after}")
    check(ca.distinguished_name.common_name == "SDK Root CA", "the subject reads back")

    check_export(client, ca_id)

    print("ListCertificateAuthority (status=ACTIVED, sort_key=common_name, sort_dir=ASC)")
    listed = client.list_certificate_authority(
        ListCertificateAuthorityRequest(status="ACTIVED", sort_key="common_name", sort_dir="ASC", limit=10, offset=0))
    check(ca_id in [c.ca_id for c in listed.certificate_authorities], "the activated CA is listed as ACTIVED")

    print("ShowCertificateAuthority for an unknown CA (must be 400 PCA.10010002)")
    try:
        client.show_certificate_authority(ShowCertificateAuthorityRequest(ca_id="3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f"))
        raise AssertionError("an unknown CA was found")
    except exceptions.ClientRequestException as e:
        check(e.status_code == 400 and e.error_code == "PCA.10010002", "400 PCA.10010002")


def check_export(client, ca_id):
    """Issue 21: ExportCertificateAuthorityCertificate returns the root's real certificate, line breaks
    written as the text \\r\\n as the SDK's docstring says, and a null chain for a root."""
    from huaweicloudsdkccm.v1 import ExportCertificateAuthorityCertificateRequest

    print("ExportCertificateAuthorityCertificate (the root just activated)")
    exported = client.export_certificate_authority_certificate(
        ExportCertificateAuthorityCertificateRequest(ca_id=ca_id))
    cert = exported.certificate
    check(cert.startswith("-----BEGIN CERTIFICATE-----\\r\\n"), "PEM with \\r\\n line breaks")
    check(cert.rstrip().endswith("-----END CERTIFICATE-----"), "one whole certificate")
    check(exported.certificate_chain is None, "a root's chain is null")


def main(url):
    client = ccm_client(url, GlobalCredentials(AK, SK, DOMAIN_ID))

    print("ShowCertificateAuthorityQuota")
    quota = client.show_certificate_authority_quota(ShowCertificateAuthorityQuotaRequest())
    print(f"  {quota}")
    ca = [r for r in quota.quotas.resources if r.type == "CERTIFICATE_AUTHORITY"]
    check(len(ca) == 1, "one CERTIFICATE_AUTHORITY quota")
    used_before = ca[0].used

    print("ShowConsoleConfig (what the region sells, read before buying)")
    console = client.show_console_config(ShowConsoleConfigRequest())
    print(f"  {console}")
    check(console.is_support_yearly_monthly_ca is True, "the sandbox's region sells yearly/monthly CAs")
    check(console.is_support_sm2 is True, "its default region (cn-north-4) offers SM2")
    check(console.dhsm_regions == [], "dhsm_regions is a list")

    print("CreateCertificateAuthorityOrder (1 month, 1 CA, project 0)")
    created = client.create_certificate_authority_order(
        CreateCertificateAuthorityOrderRequest(body=order_body())
    )
    print(f"  {created}")
    check(created.order_id.startswith("CS") and len(created.order_id) == 17, "order id like CS1803192259ROA8U")
    check(len(created.ca_ids) == 1, "one CA id")

    print("ShowCertificateAuthorityQuota again")
    quota = client.show_certificate_authority_quota(ShowCertificateAuthorityQuotaRequest())
    used_after = [r for r in quota.quotas.resources if r.type == "CERTIFICATE_AUTHORITY"][0].used
    check(used_after == used_before + 1, f"used went {used_before} -> {used_after}")

    print("ListCertificateAuthority (limit=10, offset=0)")
    listed = client.list_certificate_authority(ListCertificateAuthorityRequest(limit=10, offset=0))
    print(f"  total={listed.total}")
    ids = [c.ca_id for c in listed.certificate_authorities]
    check(created.ca_ids[0] in ids, "the new CA is listed")
    check(all(c.status == "PENDING" for c in listed.certificate_authorities), "listed CAs are PENDING")

    print("CreateCertificateAuthorityOrder with a wrong SK (must be refused)")
    bad = ccm_client(url, GlobalCredentials(AK, "wrong-secret", DOMAIN_ID))
    try:
        bad.create_certificate_authority_order(CreateCertificateAuthorityOrderRequest(body=order_body()))
        raise AssertionError("a wrong SK was accepted")
    except exceptions.ClientRequestException as e:
        print(f"  {e.status_code} {e.error_code}: {e.error_msg} (request id {e.request_id})")
        check(e.status_code == 401 and e.error_code == "APIGW.0301", "401 APIGW.0301")

    print("CreateCertificateAuthorityOrder with sandbox:status=503 (must be refused)")
    body = order_body()
    body.promotion_info = "sandbox:status=503"
    try:
        client.create_certificate_authority_order(CreateCertificateAuthorityOrderRequest(body=body))
        raise AssertionError("sandbox:status=503 was not honoured")
    except exceptions.ServerResponseException as e:
        print(f"  {e.status_code} {e.error_code}: {e.error_msg} (request id {e.request_id})")
        check(e.status_code == 503 and e.error_code == "APIGW.0201", "503 APIGW.0201")

    check_activation(url)

    print("Domain id lookup through IAM /v3/auth/domains (GlobalCredentials without domain_id)")
    # The SDK looks the domain id up only when the client is built with a region, so use a custom one.
    lookup = GlobalCredentials(AK, SK).with_iam_endpoint(url)
    by_region = (
        CcmClient.new_builder()
        .with_http_config(http_config())
        .with_credentials(lookup)
        .with_region(Region("sandbox", url))
        .build()
    )
    by_region.show_certificate_authority_quota(ShowCertificateAuthorityQuotaRequest())
    check(lookup.domain_id == DOMAIN_ID, f"the SDK found domain id {lookup.domain_id} and used it")

    bss_checks(url, client)
    lifecycle_checks(url, client)
    csr_import_checks(url)

    try:
        from huaweicloudsdkeps.v1 import EpsClient, ListEnterpriseProjectRequest
    except ImportError:
        print("EPS: huaweicloudsdkeps not installed, skipped")
        return
    eps = (
        EpsClient.new_builder()
        .with_http_config(http_config())
        .with_credentials(GlobalCredentials(AK, SK, DOMAIN_ID))
        .with_endpoints([url])
        .build()
    )
    print("ListEnterpriseProject (status=1)")
    projects = eps.list_enterprise_project(ListEnterpriseProjectRequest(status=1))
    for p in projects.enterprise_projects:
        print(f"  {p.id:36}  {p.name}  created {p.created_at}")
    check(projects.total_count == len(projects.enterprise_projects), f"total_count {projects.total_count}")
    check(any(p.id == "0" for p in projects.enterprise_projects), "the default project is listed")
    print("ListEnterpriseProject (name=生产, limit=1)")
    projects = eps.list_enterprise_project(ListEnterpriseProjectRequest(name="生产", limit=1))
    check([p.name for p in projects.enterprise_projects] == ["生产环境"], "the Chinese-named project is found")


def csr_import_checks(url):
    """Issue 21: a bought CA's subject saved (CreateCertificateAuthority with its ca_id, an inferred use of the
    API), its CSR exported (ExportCertificateAuthorityCsr), signed outside by a root made here with openssl,
    and the certificate imported (ImportCertificateAuthorityCertificate): the CA then reads ACTIVED."""
    import os
    import shutil
    import subprocess
    import tempfile
    import time

    from huaweicloudsdkccm.v1 import (
        CreateCertificateAuthorityRequest,
        CreateCertificateAuthorityRequestBody,
        DistinguishedName,
        ExportCertificateAuthorityCsrRequest,
        ImportCertificateAuthorityCertificateRequest,
        ImportCertificateAuthorityCertificateRequestBody,
        ShowCertificateAuthorityRequest,
    )

    if shutil.which("openssl") is None:
        print("CSR and import: openssl not installed (it signs the CSR outside), skipped")
        return
    client = ccm_client(url, GlobalCredentials(AK, SK, DOMAIN_ID))
    body = order_body()
    body.is_auto_pay = 1
    created = client.create_certificate_authority_order(CreateCertificateAuthorityOrderRequest(body=body))
    ca_id = created.ca_ids[0]
    print(f"CSR and import: ordered {ca_id} (auto-paid); waiting for the order to complete")
    time.sleep(3.5)

    print(f"CreateCertificateAuthority with ca_id {ca_id} (saves a bought subordinate's subject and key)")
    saved = client.create_certificate_authority(
        CreateCertificateAuthorityRequest(
            body=CreateCertificateAuthorityRequestBody(
                ca_id=ca_id,
                type="SUBORDINATE",
                key_algorithm="EC256",
                distinguished_name=DistinguishedName(common_name="SDK Offline Sub", country="CN"),
            )
        )
    )
    check(saved.ca_id == ca_id, f"the answer names the same CA ({saved.ca_id})")

    print("ExportCertificateAuthorityCsr")
    csr = client.export_certificate_authority_csr(ExportCertificateAuthorityCsrRequest(ca_id=ca_id)).csr
    check("\\r\\n" in csr, "line breaks written as the text \\r\\n")
    csr = csr.replace("\\r\\n", "\n")
    check(csr.startswith("-----BEGIN CERTIFICATE REQUEST-----"), "a PEM certificate request")

    with tempfile.TemporaryDirectory() as d:
        def run(*args):
            subprocess.run(["openssl", *args], cwd=d, check=True, capture_output=True)

        with open(os.path.join(d, "sub.csr"), "w") as f:
            f.write(csr)
        run("req", "-in", "sub.csr", "-noout", "-verify")
        run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", "root.key", "-out", "root.pem", "-days", "30", "-subj", "/CN=SDK Outside Root",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")
        with open(os.path.join(d, "ext.cnf"), "w") as f:
            f.write("basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n")
        run("x509", "-req", "-in", "sub.csr", "-CA", "root.pem", "-CAkey", "root.key", "-CAcreateserial",
            "-out", "sub.pem", "-days", "20", "-extfile", "ext.cnf")
        with open(os.path.join(d, "sub.pem")) as f:
            sub = f.read()
        with open(os.path.join(d, "root.pem")) as f:
            root = f.read()

    print("ImportCertificateAuthorityCertificate (signed outside by an openssl root)")
    resp = client.import_certificate_authority_certificate(
        ImportCertificateAuthorityCertificateRequest(
            ca_id=ca_id,
            body=ImportCertificateAuthorityCertificateRequestBody(certificate=sub, certificate_chain=root),
        )
    )
    check(resp.status_code == 204, f"204 (got {resp.status_code})")
    ca = client.show_certificate_authority(ShowCertificateAuthorityRequest(ca_id=ca_id))
    check(ca.status == "ACTIVED", f"status {ca.status}")


def bss_checks(url, ccm):
    """Price, show, pay and cancel through huaweicloudsdkbss against the sandbox's BSS routes."""
    try:
        from huaweicloudsdkbss.v2 import (
            BssClient,
            CancelCustomerOrderReq,
            CancelCustomerOrderRequest,
            ListPayPerUseCustomerResourcesRequest,
            ListRateOnPeriodDetailRequest,
            PayCustomerOrderV3Req,
            PayOrdersRequest,
            PeriodProductInfo,
            QueryResourcesReq,
            RateOnPeriodReq,
            ShowCustomerOrderDetailsRequest,
        )
    except ImportError:
        print("BSS: huaweicloudsdkbss not installed, skipped")
        return
    bss = (
        BssClient.new_builder()
        .with_http_config(http_config())
        .with_credentials(GlobalCredentials(AK, SK, DOMAIN_ID))
        .with_endpoints([url])
        .build()
    )
    print("ListRateOnPeriodDetail (3 CAs x 2 years, cn-north-4; pretend prices)")
    product = PeriodProductInfo(
        id="1",
        cloud_service_type="hws.service.type.ccm",
        resource_type="hws.resource.type.pca.duration",
        resource_spec="ca.duration",
        region="cn-north-4",
        period_type=3,
        period_num=2,
        subscription_num=3,
    )
    rated = bss.list_rate_on_period_detail(
        ListRateOnPeriodDetailRequest(body=RateOnPeriodReq(project_id="p1", product_infos=[product]))
    )
    print(f"  {rated}")
    official = rated.official_website_rating_result.official_website_amount
    check(float(official) == 72000.0, f"list price {official}")
    best = [d for d in rated.optional_discount_rating_results if d.best_offer == 1]
    check(len(best) == 1 and float(best[0].amount) == 64800.0, "one best offer of 64800")
    check(rated.currency == "CNY", "currency CNY")

    print("ListRateOnPeriodDetail in a region the pretend list lacks (must be refused)")
    product.region = "sa-brazil-1"
    try:
        bss.list_rate_on_period_detail(
            ListRateOnPeriodDetailRequest(body=RateOnPeriodReq(project_id="p1", product_infos=[product]))
        )
        raise AssertionError("an unknown region was priced")
    except exceptions.ClientRequestException as e:
        check(e.status_code == 400 and e.error_code == "CBC.99006006", f"400 {e.error_code}")

    def new_order():
        return ccm.create_certificate_authority_order(
            CreateCertificateAuthorityOrderRequest(body=order_body())
        ).order_id

    order_id = new_order()
    print(f"ShowCustomerOrderDetails {order_id}")
    shown = bss.show_customer_order_details(ShowCustomerOrderDetailsRequest(order_id=order_id))
    print(f"  status={shown.order_info.status} amount={shown.order_info.amount_after_discount}")
    check(shown.order_info.status == 6, "an unpaid order is pending payment (6)")

    print(f"PayOrders {order_id}")
    paid = bss.pay_orders(
        PayOrdersRequest(body=PayCustomerOrderV3Req(order_id=order_id, use_coupon="NO", use_discount="NO"))
    )
    check(paid.status_code == 204, f"paid: HTTP {paid.status_code}")
    shown = bss.show_customer_order_details(ShowCustomerOrderDetailsRequest(order_id=order_id))
    check(shown.order_info.status in (3, 5), f"paid order is processing or completed ({shown.order_info.status})")
    resources = bss.list_pay_per_use_customer_resources(
        ListPayPerUseCustomerResourcesRequest(body=QueryResourcesReq(order_id=order_id, only_main_resource=1))
    )
    check(resources.total_count in (0, 1), f"resources listed ({resources.total_count})")
    renewal_checks(bss, order_id)

    other = new_order()
    print(f"CancelCustomerOrder {other}")
    bss.cancel_customer_order(CancelCustomerOrderRequest(body=CancelCustomerOrderReq(order_id=other)))
    shown = bss.show_customer_order_details(ShowCustomerOrderDetailsRequest(order_id=other))
    check(shown.order_info.status == 4, "the cancelled order reads cancelled (4)")
    print("PayOrders on the cancelled order (must be refused)")
    try:
        bss.pay_orders(
            PayOrdersRequest(body=PayCustomerOrderV3Req(order_id=other, use_coupon="NO", use_discount="NO"))
        )
        raise AssertionError("a cancelled order was paid")
    except exceptions.ClientRequestException as e:
        check(e.status_code == 400 and e.error_code == "CBC.0100", f"400 {e.error_code}: {e.error_msg}")


def renewal_checks(bss, order_id):
    """The subscription calls of issue 20: resources query by CA id, renew-rate, renew, paying the
    renewal order and the new end read back (the sandbox extends from the current end)."""
    import time

    from huaweicloudsdkbss.v2 import (
        ListPayPerUseCustomerResourcesRequest,
        ListRenewRateOnPeriodReq,
        ListRenewRateOnPeriodRequest,
        PayCustomerOrderV3Req,
        PayOrdersRequest,
        QueryResourcesReq,
        RenewalResourcesReq,
        RenewalResourcesRequest,
        ShowCustomerOrderDetailsRequest,
    )

    # The paid order settles after the sandbox's settle time.
    for _ in range(100):
        listed = bss.list_pay_per_use_customer_resources(
            ListPayPerUseCustomerResourcesRequest(body=QueryResourcesReq(order_id=order_id, only_main_resource=1))
        )
        if listed.total_count == 1:
            break
        time.sleep(0.1)
    check(listed.total_count == 1, "the paid order's CA is listed once it completes")
    ca_id = listed.data[0].resource_id
    print(f"ListPayPerUseCustomerResources resource_ids=[{ca_id}]")
    by_id = bss.list_pay_per_use_customer_resources(
        ListPayPerUseCustomerResourcesRequest(
            body=QueryResourcesReq(resource_ids=[ca_id], only_main_resource=1, offset=0, limit=50)
        )
    )
    check(by_id.total_count == 1 and by_id.data[0].resource_id == ca_id, "found by its CA id")
    before = by_id.data[0].expire_time
    check(by_id.data[0].expire_policy != 3, f"not on auto-renew (expire_policy {by_id.data[0].expire_policy})")
    print(f"  expire_time={before} status={by_id.data[0].status}")
    print("ListPayPerUseCustomerResources with 51 ids (must be refused)")
    try:
        bss.list_pay_per_use_customer_resources(
            ListPayPerUseCustomerResourcesRequest(body=QueryResourcesReq(resource_ids=[f"id-{i}" for i in range(51)]))
        )
        raise AssertionError("51 ids were accepted")
    except exceptions.ClientRequestException as e:
        check(e.status_code == 400 and e.error_code == "CBC.0100", f"400 {e.error_code}")

    print(f"ListRenewRateOnPeriod [{ca_id}, an unknown id] x 1 year")
    unknown = "00000000-0000-0000-0000-000000000000"
    rated = bss.list_renew_rate_on_period(
        ListRenewRateOnPeriodRequest(
            body=ListRenewRateOnPeriodReq(resource_ids=[ca_id, unknown], period_type=3, period_num=1)
        )
    )
    print(f"  {rated}")
    check([r.resource_id for r in rated.renew_inquiry_results] == [ca_id], "the CA is priced")
    check(str(rated.renew_inquiry_results[0].amount) == "12000.00", "its amount is the exact string 12000.00")
    check(
        [(f.resource_id, f.error_code) for f in rated.fail_resource_infos] == [(unknown, "CBC.30050009")],
        "the unknown id fails inside the 200 with CBC.30050009",
    )

    print(f"RenewalResources [{ca_id}] x 1 year, not auto-paid")
    renewed = bss.renewal_resources(
        RenewalResourcesRequest(body=RenewalResourcesReq(resource_ids=[ca_id], period_type=3, period_num=1, is_auto_pay=0))
    )
    check(len(renewed.order_ids) == 1, f"one renewal order {renewed.order_ids}")
    renewal = renewed.order_ids[0]
    shown = bss.show_customer_order_details(ShowCustomerOrderDetailsRequest(order_id=renewal))
    check(shown.order_info.order_type == 2 and shown.order_info.status == 6, "a renewal (2) waiting for payment (6)")
    bss.pay_orders(PayOrdersRequest(body=PayCustomerOrderV3Req(order_id=renewal, use_coupon="NO", use_discount="NO")))
    for _ in range(100):
        after = bss.list_pay_per_use_customer_resources(
            ListPayPerUseCustomerResourcesRequest(body=QueryResourcesReq(resource_ids=[ca_id]))
        ).data[0].expire_time
        if after != before:
            break
        time.sleep(0.1)
    check(after == str(int(before[:4]) + 1) + before[4:], f"the end moved a year from the old end: {before} -> {after}")
def lifecycle_checks(url, ccm):
    """Auto-renew on/off, unsubscribe and the refund breakdown through huaweicloudsdkbss (issue 20)."""
    import time

    try:
        from huaweicloudsdkbss.v2 import (
            AutoRenewalResourcesReq,
            AutoRenewalResourcesRequest,
            BssClient,
            CancelAutoRenewalResourcesRequest,
            CancelResourcesSubscriptionRequest,
            ListPayPerUseCustomerResourcesRequest,
            QueryResourcesReq,
            ShowCustomerOrderDetailsRequest,
            ShowRefundOrderDetailsRequest,
            UnsubscribeResourcesReq,
        )
    except ImportError:
        print("BSS lifecycle: huaweicloudsdkbss not installed, skipped")
        return
    bss = (
        BssClient.new_builder()
        .with_http_config(http_config())
        .with_credentials(GlobalCredentials(AK, SK, DOMAIN_ID))
        .with_endpoints([url])
        .build()
    )
    body = order_body()
    body.is_auto_pay = 1
    created = ccm.create_certificate_authority_order(CreateCertificateAuthorityOrderRequest(body=body))
    order_id, ca_id = created.order_id, created.ca_ids[0]
    # The subscription exists once the paid order completes (the sandbox settles in a few seconds).
    for _ in range(100):
        shown = bss.show_customer_order_details(ShowCustomerOrderDetailsRequest(order_id=order_id))
        if shown.order_info.status == 5:
            break
        time.sleep(0.1)
    check(shown.order_info.status == 5, f"the auto-paid order {order_id} completed")

    def policy():
        listed = bss.list_pay_per_use_customer_resources(
            ListPayPerUseCustomerResourcesRequest(body=QueryResourcesReq(resource_ids=[ca_id]))
        )
        check(listed.total_count == 1, f"the CA's subscription is listed ({listed.total_count})")
        return listed.data[0].expire_policy, listed.data[0].status

    print(f"AutoRenewalResources {ca_id} (2 times, YEAR)")
    on = bss.auto_renewal_resources(
        AutoRenewalResourcesRequest(
            resource_id=ca_id, body=AutoRenewalResourcesReq(auto_renew_times=2, period_type="YEAR")
        )
    )
    check(on.status_code == 204, f"auto-renew on: HTTP {on.status_code}")
    check(policy()[0] == 3, "expire_policy reads 3 (auto-renew)")
    print(f"AutoRenewalResources {ca_id} (no body)")
    on = bss.auto_renewal_resources(AutoRenewalResourcesRequest(resource_id=ca_id))
    check(on.status_code == 204, f"auto-renew on without a body: HTTP {on.status_code}")
    print(f"CancelAutoRenewalResources {ca_id}")
    off = bss.cancel_auto_renewal_resources(CancelAutoRenewalResourcesRequest(resource_id=ca_id))
    check(off.status_code == 204, f"auto-renew off: HTTP {off.status_code}")
    check(policy()[0] != 3, "expire_policy no longer reads 3")
    print("AutoRenewalResources on an unknown resource (must be refused)")
    try:
        bss.auto_renewal_resources(
            AutoRenewalResourcesRequest(resource_id="00000000-0000-4000-8000-000000000000")
        )
        raise AssertionError("an unknown resource was set to auto-renew")
    except exceptions.ClientRequestException as e:
        check(e.status_code == 400 and e.error_code == "CBC.99003012", f"400 {e.error_code}")

    print(f"CancelResourcesSubscription {ca_id} type 2 (no renewal period: must be refused)")
    try:
        bss.cancel_resources_subscription(
            CancelResourcesSubscriptionRequest(body=UnsubscribeResourcesReq(resource_ids=[ca_id], unsubscribe_type=2))
        )
        raise AssertionError("renewals that do not exist were unsubscribed")
    except exceptions.ClientRequestException as e:
        check(e.status_code == 400 and e.error_code == "CBC.99003128", f"400 {e.error_code}")
    print(f"CancelResourcesSubscription {ca_id} type 1")
    gone = bss.cancel_resources_subscription(
        CancelResourcesSubscriptionRequest(
            body=UnsubscribeResourcesReq(
                resource_ids=[ca_id], unsubscribe_type=1, unsubscribe_reason_type=5, unsubscribe_reason="sdk check"
            )
        )
    )
    print(f"  {gone}")
    check(len(gone.order_ids) == 1, "one unsubscribe order")
    check(policy()[1] == 3, "the subscription reads closed (3)")
    print(f"ShowRefundOrderDetails {gone.order_ids[0]}")
    refund = bss.show_refund_order_details(ShowRefundOrderDetailsRequest(order_id=gone.order_ids[0]))
    print(f"  {refund}")
    check(refund.total_count == 1 and float(refund.refund_infos[0].amount) < 0, "one refund line, negative")
    print(f"CancelResourcesSubscription {ca_id} again (already gone: must be refused)")
    try:
        bss.cancel_resources_subscription(
            CancelResourcesSubscriptionRequest(body=UnsubscribeResourcesReq(resource_ids=[ca_id], unsubscribe_type=1))
        )
        raise AssertionError("a deleted CA was unsubscribed twice")
    except exceptions.ClientRequestException as e:
        check(e.status_code == 400 and e.error_code == "CBC.30000067", f"400 {e.error_code}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    try:
        main(sys.argv[1].rstrip("/"))
    except Exception as e:  # noqa: BLE001 - any failure is a failed check
        print(f"FAILED: {type(e).__name__}: {e}", file=sys.stderr)
        sys.exit(1)
    print("all SDK checks passed")
